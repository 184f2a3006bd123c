"""The describe set: each corpus document's title, date and type, judged by hand."""
