"""pyHanko / certvalidator / aiohttp exceptions → our error codes.

pyHanko wraps the interesting cause (a revoked certificate, a refused connection) in a
`SigningError` or `TimestampRequestError`; we walk the __cause__/__context__ chain to find it.
A KeyHolderError from the card is returned untouched: it already carries a code and tries left.
"""

from __future__ import annotations

from collections.abc import Iterator

from clerk_app.core.keys import KeyHolderError
from clerk_app.core.signing import SignErrorCode, SigningFailure


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        yield cur
        cur = cur.__cause__ or cur.__context__


def translate_pyhanko_error(exc: BaseException) -> BaseException | None:
    """The exception to raise instead of `exc`, or None when it is not one we know."""
    from pyhanko.sign.general import SigningError
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError
    from pyhanko_certvalidator import errors as cv

    chain = list(_chain(exc))
    for e in chain:
        if isinstance(e, KeyHolderError | SigningFailure):
            return e
    for e in chain:
        if isinstance(e, cv.RevokedError):
            return SigningFailure(SignErrorCode.CERTIFICATE_REVOKED, str(e))
        if isinstance(e, cv.ExpiredError):
            return SigningFailure(SignErrorCode.CERTIFICATE_EXPIRED, str(e))
        if isinstance(e, cv.NotYetValidError):
            return SigningFailure(SignErrorCode.CERTIFICATE_NOT_YET_VALID, str(e))
        if isinstance(e, cv.InsufficientRevinfoError | cv.OCSPFetchError | cv.CRLFetchError):
            return SigningFailure(SignErrorCode.REVOCATION_UNAVAILABLE, str(e))
        if isinstance(e, cv.PathBuildingError):
            return SigningFailure(SignErrorCode.CERTIFICATE_UNTRUSTED, str(e))
        if isinstance(e, cv.PathValidationError):
            return SigningFailure(SignErrorCode.CERTIFICATE_UNTRUSTED, str(e))
    for e in chain:
        if isinstance(e, TimestampRequestError):
            if any(
                isinstance(c, OSError) and not isinstance(c, TimestampRequestError) for c in chain
            ) or "contacting" in str(e):
                return SigningFailure(SignErrorCode.TSA_UNREACHABLE, str(e))
            return SigningFailure(SignErrorCode.TSA_BAD_RESPONSE, str(e))
    for e in chain:
        if isinstance(e, SigningError):
            return SigningFailure(SignErrorCode.SIGNING_FAILED, str(e))
    return None
