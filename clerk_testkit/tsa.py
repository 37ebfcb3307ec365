"""An RFC 3161 time-stamp authority for tests, written with asn1crypto and cryptography.

Why Python and not `openssl ts -reply`: it answers in-process (no subprocess, config file and
serial file per request, so the signing benchmark measures our code, not fork+exec), it signs
with the TestPki TSA key object directly, and a test can count requests or switch it to fail.
Its tokens are checked independently with `openssl ts -verify` in the tests, so pyHanko is not
judging its own work.

The token follows what a real TSA sends: TSTInfo with the request's imprint and nonce, a
SignedData signed with SHA-384/ECDSA, signed attributes contentType, messageDigest,
signingTime and ESS signingCertificateV2 (SHA-256 cert hash, as openssl's ess_cert_id_alg),
and the TSA certificate when the request asks for it.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
from datetime import UTC, datetime

from asn1crypto import algos, cms, core, tsp
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from clerk_testkit.pki import Issued

TEST_POLICY = "1.3.6.1.4.1.99999.3161.1"  # a private-arc policy id for the test TSA


class TimeStampAuthority:
    """Turns DER TimeStampReq bytes into DER TimeStampResp bytes."""

    def __init__(self, issued: Issued, chain: tuple[bytes, ...] = ()) -> None:
        assert issued.key is not None
        self._key = issued.key
        self._cert = asn1_x509.Certificate.load(issued.der)
        self._chain = [asn1_x509.Certificate.load(c) for c in chain]
        # the parts that never change, encoded once: asn1crypto re-encodes nested values it
        # was handed as objects, which made each answer take ~30 ms; loaded DER is copied
        self._certs_der = cms.CertificateSet(
            [cms.CertificateChoices(name="certificate", value=c)
             for c in [self._cert, *self._chain]]
        ).dump()  # fmt: skip
        self._ess_der = cms.CMSAttribute(
            {"type": "signing_certificate_v2", "values": [self._ess()]}
        ).dump()
        self._sid_der = cms.SignerIdentifier(
            {
                "issuer_and_serial_number": {
                    "issuer": self._cert.issuer,
                    "serial_number": self._cert.serial_number,
                }
            }
        ).dump()
        self._tsa_name_der = asn1_x509.GeneralName(
            name="directory_name", value=self._cert.subject
        ).dump()
        self._serial = itertools.count(1)
        self._lock = threading.Lock()
        self.requests = 0

    def respond(self, request_der: bytes) -> bytes:
        with self._lock:
            self.requests += 1
            serial = next(self._serial)
        try:
            req = tsp.TimeStampReq.load(request_der)
            imprint = req["message_imprint"]
            _ = imprint["hash_algorithm"]["algorithm"].native, imprint["hashed_message"].native
        except Exception:  # a malformed request gets a rejection, as RFC 3161 §2.4.2 says
            return self._rejection("bad_data_format")
        tst_info = tsp.TSTInfo(
            {
                "version": "v1",
                "policy": req["req_policy"].native or TEST_POLICY,
                "message_imprint": imprint,
                "serial_number": serial,
                "gen_time": core.GeneralizedTime(datetime.now(UTC)),
                "accuracy": {"seconds": 1},
                "nonce": req["nonce"].native,
                "tsa": asn1_x509.GeneralName(name="directory_name", value=self._cert.subject),
            }
        )
        token = self._sign(tst_info, include_certs=bool(req["cert_req"].native))
        return tsp.TimeStampResp(
            {"status": {"status": "granted"}, "time_stamp_token": token}
        ).dump()

    def _rejection(self, failure: str) -> bytes:
        return tsp.TimeStampResp({"status": {"status": "rejection", "fail_info": {failure}}}).dump()

    def _ess(self) -> tsp.SigningCertificateV2:
        return tsp.SigningCertificateV2(
            {
                "certs": [
                    {
                        "hash_algorithm": {"algorithm": "sha256"},
                        "cert_hash": hashlib.sha256(self._cert.dump()).digest(),
                        "issuer_serial": {
                            "issuer": [
                                asn1_x509.GeneralName(
                                    name="directory_name", value=self._cert.issuer
                                )
                            ],
                            "serial_number": self._cert.serial_number,
                        },
                    }
                ]
            }
        )

    def _sign(self, tst_info: tsp.TSTInfo, include_certs: bool) -> cms.ContentInfo:
        content = tst_info.dump()
        signed_attrs = cms.CMSAttributes(
            [
                cms.CMSAttribute({"type": "content_type", "values": ["tst_info"]}),
                cms.CMSAttribute(
                    {"type": "signing_time", "values": [cms.Time({"utc_time": datetime.now(UTC)})]}
                ),
                cms.CMSAttribute(
                    {"type": "message_digest", "values": [hashlib.sha384(content).digest()]}
                ),
                cms.CMSAttribute.load(self._ess_der),
            ]
        )
        signature = self._key.sign(signed_attrs.dump(), ec.ECDSA(hashes.SHA384()))
        signer_info = cms.SignerInfo(
            {
                "version": "v1",
                "sid": cms.SignerIdentifier.load(self._sid_der),
                "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha384"}),
                "signed_attrs": signed_attrs,
                "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "sha384_ecdsa"}),
                "signature": signature,
            }
        )
        signed_data = {
            "version": "v3",
            "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha384"})],
            "encap_content_info": {
                "content_type": "tst_info",
                "content": core.ParsableOctetString(content),
            },
            "signer_infos": [signer_info],
        }
        if include_certs:
            signed_data["certificates"] = cms.CertificateSet.load(self._certs_der)
        return cms.ContentInfo(
            {"content_type": "signed_data", "content": cms.SignedData(signed_data)}
        )
