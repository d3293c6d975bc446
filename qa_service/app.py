"""The ASGI app uvicorn serves (`planqa serve`); settings come from PLANQA_* variables."""

from qa_service.api import create_app

app = create_app()
