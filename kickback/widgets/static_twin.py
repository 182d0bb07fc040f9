"""The static twin every widget carries: its picture at the starting values, and its state in words.

A live widget needs a kernel. GitHub, nbviewer, a notebook opened without running it and nbval's
comparison need something else to show, so every widget's notebook output also carries a PNG of
its figure (where it has one), its state as plain text, and (where it reads better) as Markdown.
"""

from __future__ import annotations

import base64
from typing import Any

IMAGE_WIDTH_PX = 560
"""The width (pixels) of a widget's picture in a notebook column; the explorer's is its own."""


class StaticTwin:
    """Mix into a widget class (before the ipywidgets base) to add its static twin to its output.

    The widget sets `static_png` (PNG bytes, or None) and defines `static_text`; it may define
    `static_markdown`.
    """

    static_png: bytes | None = None

    def static_text(self) -> str:
        """The widget's state in words, for a reader without a kernel."""
        raise NotImplementedError

    def static_markdown(self) -> str | None:
        """The widget's state as Markdown, where that reads better than plain text (else None)."""
        return None

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs) or {}  # type: ignore[misc]
        if self.static_png is not None:
            bundle["image/png"] = base64.b64encode(self.static_png).decode("ascii")
        bundle["text/plain"] = self.static_text()
        markdown = self.static_markdown()
        if markdown is not None:
            bundle["text/markdown"] = markdown
        return bundle
