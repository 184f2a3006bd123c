"""The site's endpoints, one module per area. Each handler parses the request, calls the
library and renders; plain `def` handlers run in Starlette's thread pool, so Whoosh and
file I/O never block the event loop, and no handler ever writes to the index."""
