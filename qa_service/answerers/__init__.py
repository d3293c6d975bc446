"""One answerer per kind of question. Each takes the stores' view, the question and its scope, and returns
the evidence of one part: table cells and/or sentences from one document, or nothing."""

from qa_service.answerers.aggregate import aggregate
from qa_service.answerers.descriptive import descriptive
from qa_service.answerers.figure import figure
from qa_service.answerers.metadata import metadata

__all__ = ["aggregate", "descriptive", "figure", "metadata"]
