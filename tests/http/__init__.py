"""Conformance suite of the HTTP engines: one hostile server, the same outcome on each engine.

Every test in this package runs on the four engines the SDK can use (its own
``asyncio`` engine, ``aiohttp`` under asyncio, ``httpcore`` under asyncio, ``httpcore``
under trio) against a raw-socket
server written for the case (``hostile.py``: blocking sockets in threads, bound to
127.0.0.1 on a free port, stopped by the test and after 20 s at most). Each call is
checked for the exception type, ``outcome_unknown``, the attempts counted *at the
server*, a bounded wall time, and the token's absence from ``str``/``repr``, the
formatted traceback, the whole ``__cause__``/``__context__`` chain and the log records
(``harness.py``). Client settings unless stated: one retry, short backoff, 10 s budget.

=====================================================  ====================================================  =======  =======  ================  =============
case                                                   outcome (every engine)                                asyncio  aiohttp  httpcore asyncio  httpcore trio
=====================================================  ====================================================  =======  =======  ================  =============
bad status line, status 000, bad header line           ``APIConnectionError`` (RemoteProtocolError); GET     same     same     same              same
                                                       retried (2 attempts); POST 1 attempt,
                                                       ``outcome_unknown``
bad / duplicate Content-Length, CL + chunked,          same as above                                         same     same     same              same
bad chunk size, body cut short
header line > 8190 bytes, > 100 header fields          same as above (one limit on every engine)             same     same     same              same
100 Continue then silence, ``timeout=1``               ``APITimeoutError`` (ReadTimeout) in ~1 s, 1 attempt  same     same     same              same
100 Continue every 0.3 s, budget 1.5 s                 ``APITimeoutError`` within ~1.5 s                     same     same     same              same
body trickled 4 bytes / 0.2 s, budget 1.5 s            ``APITimeoutError`` "retry budget", 1 attempt; POST   same     same     same              same
                                                       ``outcome_unknown``
refused connection (POST)                              ``APIConnectionError`` (ConnectError), not a          same     same     same              same
                                                       timeout; retried; never ``outcome_unknown``
kept-alive connection closed without an answer         ``APIConnectionError``; the GET reached the server    same     same     same              same
                                                       once (no hidden re-send)
TLS handshake with a server that is not TLS (POST)     ``APIConnectionError`` (ConnectError), retried,       same     same     same              same
                                                       never ``outcome_unknown``
Link ``%2e%2e``/``%2E%2E``/``..%2f``/``%252e``/``\\``  ``CrossOriginError``; 1 attempt; nothing sent         same     same     same              same
escapes from the API root                              outside the API root
``rel="first next"``, ``rel=next``, ``REL="Next"``     followed (2 attempts)                                 same     same     same              same
``rel="nextfoo"``, ``rel="prev"``, ``title="next"``    not followed (1 attempt)                              same     same     same              same
``X-Next-Page: 1`` on every page                       ``PaginationLoopError`` after 2 attempts              same     same     same              same
next ``Link`` repeating the same cursor URL            ``PaginationLoopError`` after 2 attempts              same     same     same              same
8 KB hostile Link (60 KB: unit tests, ``test_links``)  parsed in linear time                                 same     same     same              same
redirect Location: port 99999, ``javascript:``,        ``CrossOriginError``, 1 attempt                       same     same     same              same
``data:``, ``ftp:``, user info, ``%2e%2e``, control
character
cross-origin redirect / cross-origin Link              token stripped / link refused, 0 requests there       same     same     same              same
gzip bomb (256 KB to 256 MiB), cap 4 MiB              ``ResponseTooLargeError``, 1 attempt, RSS bounded     same     same              same
plain body over ``max_response_size``                  ``ResponseTooLargeError``, 1 attempt                  same     same     same              same
NUL / non-ASCII / space / CR-LF / DEL in the token     ``ConfigurationError`` without the token; 0 requests  same     same     same              same
(string or callable)
NUL / non-ASCII / whitespace in ``sudo``               ``ConfigurationError``; 0 requests                    same     same     same              same
bad ``headers=`` name or value                         ``ConfigurationError``; 0 requests                    same     same     same              same
``gl.request("GET", "/users/%2e%2E/x%2Fy")``           sent exactly as encoded (no dot-segment               same     same     same              same
                                                       resolution)
2 MB error message                                     ``NotFoundError``, ``str()`` truncated, body kept     same     same     same              same
50,000-deep JSON                                       ``ResponseValidationError``                           same     same     same              same
over-long ``X-Total``                                  ``total is None``                                     same     same     same              same
https, certificate from a trusted CA (``test_tls``)   works; 3 calls on 1 connection                        same     same     same              same
https, wrong host name or untrusted CA                 ``APIConnectionError`` (ConnectError), retried, 0     same     same     same              same
                                                       requests served, never ``outcome_unknown``
=====================================================  ====================================================  =======  =======  ================  =============
"""
