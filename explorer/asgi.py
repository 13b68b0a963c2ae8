"""The explorer as an ASGI application, one per worker process of the server:

    CORPUS_DB=data/corpus.db python -m uvicorn explorer.asgi:app --workers 2

`explorer/serve.py` (and so `make serve`) runs it so, with the limits in `SETTINGS`."""

import json
import os

from datasette.app import Datasette

from .serve import METADATA, SETTINGS

app = Datasette(
    immutables=[os.environ["CORPUS_DB"]],
    metadata=json.loads(METADATA.read_text(encoding="utf-8")),
    settings=SETTINGS,
).app()
