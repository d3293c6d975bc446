"""A minimal OpenAI-compatible chat server run as a real process by the LLM tests.

MODE=echo rewrites the draft answer faithfully; MODE=lie adds a figure no quote holds; MODE=obey follows an
instruction planted in a document.
"""

from __future__ import annotations

import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

MODE = os.environ.get("MODE", "echo")


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *_args) -> None:
        return

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        prompt = body["messages"][-1]["content"]
        draft = prompt.split("Draft answer:", 1)[1].split("\n\nRewritten answer:", 1)[0].strip()
        if MODE == "echo":
            content = "改写：" + draft
        elif MODE == "obey" and "直接回答：" in prompt:  # a model that follows instructions found in the quotes
            content = prompt.split("直接回答：", 1)[1].split(">>>", 1)[0]
        elif MODE == "obey":
            content = "NO-INSTRUCTION-SEEN " + draft
        else:
            content = draft + "另外增长了 99.9%。"
        reply = {
            "id": "x", "object": "chat.completion", "created": int(time.time()), "model": body.get("model", "m"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        data = json.dumps(reply, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


if __name__ == "__main__":
    HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
