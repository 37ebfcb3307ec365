"""PAdES signing, verification, trust configuration and the signing queue (pyHanko; no Qt).

pyHanko and certvalidator log every validation problem at WARNING with a traceback; we report
those problems as codes instead, so their loggers get a NullHandler (no "last resort" output
on stderr). An application that wants them configures logging as usual.
"""

import logging

for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
