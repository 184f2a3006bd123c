"""The relevance set (judged questions, unanswerable questions, spelling pairs) and its
runner; `bench.relevance.corpus` lays the shared corpus out and indexes it for every bench."""
