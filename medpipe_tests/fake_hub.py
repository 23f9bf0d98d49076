"""A local stand-in for the Hub's HTTP API (the routes huggingface_hub uses to create a dataset repo and
commit a folder), recording every request so tests can see what would be committed and with which token."""

from __future__ import annotations

import base64
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class FakeHub:
    requests: list[Recorded] = field(default_factory=list)
    committed: dict[str, bytes] = field(default_factory=dict)
    server: ThreadingHTTPServer | None = None

    @property
    def endpoint(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> "FakeHub":
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _reply(self, status: int, payload: object) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _record(self) -> Recorded:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                record = Recorded(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                hub.requests.append(record)
                return record

            def do_GET(self) -> None:
                self._record()
                self._reply(404, {"error": "not found"})

            def do_POST(self) -> None:
                record = self._record()
                if record.path == "/api/repos/create":
                    request = json.loads(record.body)
                    repo_id = f"{request.get('organization') or 'user'}/{request['name']}"
                    self._reply(200, {"url": f"{hub.endpoint}/datasets/{repo_id}", "name": repo_id})
                elif record.path == "/api/validate-yaml":
                    self._reply(200, {"errors": [], "warnings": []})
                elif "/preupload/" in record.path:
                    files = json.loads(record.body)["files"]
                    self._reply(200, {"files": [{"path": f["path"], "uploadMode": "regular", "shouldIgnore": False} for f in files]})
                elif "/commit/" in record.path:
                    for line in record.body.decode().splitlines():
                        item = json.loads(line)
                        if item.get("key") == "file":
                            hub.committed[item["value"]["path"]] = base64.b64decode(item["value"]["content"])
                    repo_id = record.path.split("/api/datasets/", 1)[1].split("/commit/", 1)[0]
                    self._reply(200, {"commitUrl": f"{hub.endpoint}/datasets/{repo_id}/commit/{'a' * 40}", "commitOid": "a" * 40, "success": True})
                else:
                    self._reply(404, {"error": "not found"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()
