"""A searchable publication-scheme library: PDFs in a folder become a public search."""

from __future__ import annotations

__version__ = "0.1.0"
