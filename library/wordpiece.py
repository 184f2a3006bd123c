"""BERT WordPiece, in pure Python: text to the input ids of an uncased BERT vocabulary.

The same ids as Hugging Face's BertNormalizer + BertPreTokenizer + WordPiece for the
all-MiniLM-L6-v2 vocabulary (checked on 2,584 texts, `bench/embedding/FINDINGS.md`), so the
`tokenizers` package (native code) is not needed to embed text.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

_ASCII_TOKEN = re.compile(r"[A-Za-z0-9]+|[^A-Za-z0-9\s]")
_ASCII_CONTROL = {cp: None for cp in range(32) if chr(cp) not in "\t\n\r"} | {127: None}


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def basic_tokens(text: str) -> list[str]:
    """Lower-cased, accent-stripped words and single punctuation marks."""
    if text.isascii():
        return _ASCII_TOKEN.findall(text.translate(_ASCII_CONTROL).lower())
    chars: list[str] = []
    for ch in text:
        cp = ord(ch)
        if ch in "\t\n\r" or ch.isspace():
            chars.append(" ")
        elif cp == 0 or cp == 0xFFFD or unicodedata.category(ch).startswith("C"):
            continue
        elif _is_cjk(cp):
            chars.append(f" {ch} ")
        else:
            chars.append(ch)
    cleaned = unicodedata.normalize("NFD", "".join(chars))
    cleaned = "".join(c for c in cleaned if unicodedata.category(c) != "Mn").lower()
    tokens: list[str] = []
    for word in cleaned.split():
        start = 0
        for i, ch in enumerate(word):
            if _is_punct(ch):
                if start < i:
                    tokens.append(word[start:i])
                tokens.append(ch)
                start = i + 1
        if start < len(word):
            tokens.append(word[start:])
    return tokens


class WordPiece:
    """Text to BERT input ids, with [CLS] … [SEP] and truncation to ``max_length``."""

    def __init__(self, vocab_file: Path, max_length: int = 256) -> None:
        words = vocab_file.read_text(encoding="utf-8").splitlines()
        self.vocab = {word: i for i, word in enumerate(words)}
        self.max_length = max_length
        self.cls, self.sep, self.unk = (self.vocab[t] for t in ("[CLS]", "[SEP]", "[UNK]"))
        self._cache: dict[str, list[int]] = {}

    def _word(self, word: str) -> list[int]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        ids: list[int] = []
        if len(word) > 100:
            ids = [self.unk]
        else:
            start = 0
            while start < len(word):
                end = len(word)
                piece = None
                while start < end:
                    sub = word[start:end] if start == 0 else "##" + word[start:end]
                    piece = self.vocab.get(sub)
                    if piece is not None:
                        break
                    end -= 1
                if piece is None:
                    ids = [self.unk]
                    break
                ids.append(piece)
                start = end
        if len(self._cache) < 200_000:
            self._cache[word] = ids
        return ids

    def encode(self, text: str) -> list[int]:
        ids: list[int] = [self.cls]
        room = self.max_length - 1
        for word in basic_tokens(text):
            ids.extend(self._word(word))
            if len(ids) >= room:
                del ids[room:]
                break
        ids.append(self.sep)
        return ids
