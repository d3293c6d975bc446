"""Backend failures as short Chinese messages that say what to do; nothing technical reaches the page."""

from __future__ import annotations

# The API's stable error `type`s (qa_service/api.py) → what a reader should be told.
MESSAGES: dict[str, str] = {
    "bad_question": "问题为空或无法识别，请换一种说法再问。",
    "too_long": "问题太长了，请精简到 2000 字以内再问。",
    "invalid_request": "请求格式不正确，请刷新页面后重试。",
    "no_documents": "还没有任何报告入库，请先让管理员上传报告。",
    "unauthorized": "需要有效的访问密钥，请联系管理员配置 PLANQA_API_KEY。",
    "forbidden": "当前密钥没有这项权限（上传和删除需要管理员密钥），请联系管理员。",
    "upload_rejected": "无法入库：文件格式不受支持或已损坏。请上传 txt、md、docx、pdf 或 html 文件。",
    "too_large": "文件超过大小上限，请拆分或压缩后再上传。",
    "ingest_failed": "文件已收到，但无法解析出正文。请确认它是文字版报告（不是扫描图片）后重试。",
    "not_found": "找不到这份文档，它可能已被删除，请刷新页面。",
    "bad_offsets": "无法定位这段引文，文档可能已更新，请刷新页面后重试。",
    "unavailable": "暂时连接不上问答服务，请稍后重试；如果一直如此，请联系管理员检查服务是否在运行。",
    "timeout": "问答服务响应超时，请稍后重试。",
    "internal": "问答服务内部出错，请稍后重试；如果一直如此，请联系管理员。",
}
GENERIC = "出现了意外问题，请稍后重试；如果一直如此，请联系管理员。"


class BackendError(Exception):
    """A failure the UI shows as `message_zh`; `kind` is the API's error type (or our own for transport)."""

    def __init__(self, kind: str, detail: str = "", status: int | None = None) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail
        self.status = status

    @property
    def message_zh(self) -> str:
        return chinese(self.kind, self.status)


def chinese(kind: str | None, status: int | None = None) -> str:
    """Tolerant of types the API adds later: fall back on the HTTP status, then on a generic message."""
    if kind in MESSAGES:
        return MESSAGES[kind]
    by_status = {401: "unauthorized", 403: "forbidden", 404: "not_found", 409: "no_documents", 413: "too_large",
                 415: "upload_rejected", 503: "unavailable", 504: "timeout"}
    if status in by_status:
        return MESSAGES[by_status[status]]
    if status is not None and status >= 500:
        return MESSAGES["internal"]
    return GENERIC


def from_response(status: int, body: object, text: str = "") -> BackendError:
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        kind = str(error.get("type") or "")
        message = str(error.get("message") or "")
        # 413 on /ask is an over-long question; elsewhere it is an over-large file.
        if kind == "bad_question" and status == 413:
            kind = "too_long"
        if kind == "upload_rejected" and status == 413:
            kind = "too_large"
        return BackendError(kind, message, status)
    return BackendError("", text[:200], status)
