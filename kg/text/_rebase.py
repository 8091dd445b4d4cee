"""Spans found inside a field moved onto the field's document.

>>> from kg.records import Span, Spanned
>>> text = "Title: Study for NSCLC"
>>> inner = Spanned("NSCLC", Span(10, 15))
>>> within(text, Spanned("Study for NSCLC", Span(7, 22)), inner)
Spanned(value='NSCLC', span=Span(start=17, end=22, path=None))
>>> within(text, Spanned("Study  for NSCLC", Span(7, 22)), inner).span is None  # normalized field
True
"""

from __future__ import annotations

from kg.records import Span, Spanned


def within(text: str | None, field: Spanned[str], inner: Spanned[str]) -> Spanned[str]:
    """``inner`` (a span into ``field.value``) with its span moved into ``text``, the document.

    The span is dropped when the field's value is not the document's own characters there
    (a normalized value would make the offsets drift); ``text=None`` trusts the field."""
    span, at = field.span, inner.span
    if span is None or span.start is None or at is None or at.start is None or at.end is None:
        return Spanned(inner.value, None)
    if text is not None and text[span.start : span.end] != field.value:
        return Spanned(inner.value, None)
    return Spanned(inner.value, Span(span.start + at.start, span.start + at.end))
