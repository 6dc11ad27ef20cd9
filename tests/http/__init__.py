"""Conformance suite of the HTTP engines: one hostile server, the same outcome on each engine.

Every test in this package that takes the ``engine`` fixture runs on seven
configurations (``harness.ENGINES``): the default client (httpx's own, httpcore) under
asyncio, uvloop and trio; the SDK's own engine (``transport="asyncio"``) under asyncio
and uvloop; aiohttp (``transport="aiohttp"``) under asyncio and uvloop. Each case has a
raw-socket server written for it (``hostile.py``: blocking sockets in threads, bound to
127.0.0.1 on a free port, stopped by the test and after 20 s at most). Each call is
checked for the exception type, ``outcome_unknown``, the attempts counted *at the
server*, a bounded wall time, and the token's absence from ``str``/``repr``, the
formatted traceback, the whole ``__cause__``/``__context__`` chain and the log records
(``harness.py``). Client settings unless stated: one retry, short backoff, 10 s budget.

The outcome is the same on every configuration unless the last column says otherwise.

=====================================================  ====================================================  ==============================
case                                                   outcome                                               differences
=====================================================  ====================================================  ==============================
bad status line, status 000, bad header line           ``APIConnectionError`` (RemoteProtocolError); GET
                                                       retried (2 attempts); POST 1 attempt,
                                                       ``outcome_unknown``
bad / duplicate Content-Length, CL + chunked,          same as above
bad chunk size, body cut short
header line > 8190 bytes, > 100 header fields          same as above (one limit on every engine)
100 Continue then silence, ``timeout=1``               ``APITimeoutError`` (ReadTimeout) in ~1 s, 1 attempt
100 Continue every 0.3 s, budget 1.5 s                 ``APITimeoutError`` within ~1.5 s
body trickled 4 bytes / 0.2 s, budget 1.5 s            ``APITimeoutError`` "retry budget", 1 attempt; POST
                                                       ``outcome_unknown``
refused connection (POST)                              ``APIConnectionError`` (ConnectError), not a
                                                       timeout; retried; never ``outcome_unknown``
kept-alive connection closed without an answer         ``APIConnectionError``; the GET reached the server
                                                       once (no hidden re-send)
TLS handshake with a server that is not TLS (POST)     ``APIConnectionError`` (ConnectError), retried,
                                                       never ``outcome_unknown``
Link ``%2e%2e``/``%2E%2E``/``..%2f``/``%252e``/``\\``  ``CrossOriginError``; 1 attempt; nothing sent
escapes from the API root                              outside the API root
``rel="first next"``, ``rel=next``, ``REL="Next"``     followed (2 attempts)
``rel="nextfoo"``, ``rel="prev"``, ``title="next"``    not followed (1 attempt)
``X-Next-Page: 1`` on every page                       ``PaginationLoopError`` after 2 attempts
next ``Link`` repeating the same cursor URL            ``PaginationLoopError`` after 2 attempts
8 KB hostile Link (60 KB: unit tests, ``test_links``)  parsed in linear time
redirect Location: port 99999, ``javascript:``,        ``CrossOriginError``, 1 attempt
``data:``, ``ftp:``, user info, ``%2e%2e``, control
character
cross-origin redirect / cross-origin Link              token stripped / link refused, 0 requests there
gzip bomb (256 KB to 256 MiB), cap 4 MiB              ``ResponseTooLargeError``, 1 attempt, RSS bounded
plain body over ``max_response_size``                  ``ResponseTooLargeError``, 1 attempt
NUL / non-ASCII / space / CR-LF / DEL in the token     ``ConfigurationError`` without the token; 0 requests
(string or callable)
NUL / non-ASCII / whitespace in ``sudo``               ``ConfigurationError``; 0 requests
bad ``headers=`` name or value                         ``ConfigurationError``; 0 requests
``gl.request("GET", "/users/%2e%2E/x%2Fy")``           sent exactly as encoded (no dot-segment
                                                       resolution)
2 MB error message                                     ``NotFoundError``, ``str()`` truncated, body kept
50,000-deep JSON                                       ``ResponseValidationError``
over-long ``X-Total``                                  ``total is None``
https, certificate from a trusted CA (``test_tls``)   works; 3 calls on 1 connection
https, wrong host name or untrusted CA                 ``APIConnectionError`` (ConnectError), retried, 0
                                                       requests served, never ``outcome_unknown``
CR inside or before a line's CRLF, chunk lines in LF   same as malformed heads above                         aiohttp takes a bare LF after
                                                                                                             chunk data (pinned)
head over 100 KiB (httpcore's limit, on every engine)  same as malformed heads above
11 x ``X-Pad: a<8170 spaces>b`` in a head or trailer   read; the event loop never stalls (ticker < 1 s)
one 60 KB header line                                  ``APIConnectionError``; no stall
obs-fold in a response                                 joined with spaces                                    aiohttp keeps the fold's
                                                                                                             whitespace
caller-set Content-Length/Transfer-Encoding/Connection/  ``ConfigurationError`` (``InvalidRequestError`` in
Upgrade/TE/Trailer/Host                                ``gl.request``); 0 requests
6 content codings (5 are read)                         ``APIConnectionError`` (DecodingError)
malformed IPv6 literal in Location or Link             ``CrossOriginError``, 1 attempt
forged extra response on a kept-alive connection       the next GET gets its own answer
(``test_keepalive_desync``)
HTTP_PROXY / ``proxy=`` (``test_networks``)            the proxy carries the request; NO_PROXY and           opt-in engines hand proxied
                                                       ``trust_env=False`` go direct                         origins to httpx's transport
``verify=`` CA file or SSLContext, ``cert=``, unknown  works / ``APIConnectionError`` with OpenSSL's
CA                                                     reason, 0 requests
``faß.de`` (IDNA deviation)                            resolved and sent as ``xn--fa-hia.de``                uvloop: not observable here
event hooks                                            see every request, retries included
=====================================================  ====================================================  ==============================
"""
