"""The ASGI app uvicorn serves (`planqa serve`); settings come from PLANQA_* variables."""

from planqa.log import configure_logging
from qa_service.api import create_app

configure_logging()  # each worker process imports this module: an entry point
app = create_app()
