"""Errors meant for a person: each says what went wrong and what to do."""


class PlanQAError(Exception):
    """Base class; the CLI and the API turn these into clean messages."""


class UnsupportedFileError(PlanQAError):
    pass


class EmptyDocumentError(PlanQAError):
    pass


class CorruptFileError(PlanQAError):
    pass


class NoDocumentsError(PlanQAError):
    pass


class BadQuestionError(PlanQAError):
    pass


class QuestionTooLongError(BadQuestionError):
    """The question (also after a follow-up is resolved) is over the configured limit."""


class HistoryTooLongError(BadQuestionError):
    """The earlier turns sent with a question are over a configured limit."""


class EmbeddingMismatchError(PlanQAError):
    """A vector store embedded by one backend/model was opened with another: its vectors are not comparable."""
