"""TLS verification is on: an upstream with a certificate nobody vouches for is refused."""

from __future__ import annotations

import ipaddress
import ssl
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

pytest.importorskip("cryptography")
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from salesdesk.sales.lookup_models import CompanyLookupInput
from salesdesk.server.demo_upstreams import run_in_thread
from salesdesk.server.lookups import HttpSettings, ViesClient

pytestmark = pytest.mark.anyio


def self_signed(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


async def test_untrusted_certificate_is_refused_trusted_one_works(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    query = CompanyLookupInput(country_code="DE", vat_number="812453790")
    with run_in_thread(ssl_certfile=str(cert), ssl_keyfile=str(key)) as (base_url, _):
        assert base_url.startswith("https://")
        default = ViesClient(HttpSettings(base_url=f"{base_url}/vies"))
        trusting = ViesClient(
            HttpSettings(
                base_url=f"{base_url}/vies", verify=ssl.create_default_context(cafile=str(cert))
            )
        )
        try:
            refused = await default.check(query)
            accepted = await trusting.check(query)
        finally:
            await default.aclose()
            await trusting.aclose()
    assert (refused.status, refused.code) == ("retryable", "UPSTREAM_UNREACHABLE")
    assert refused.message is not None and "certificate is not trusted" in refused.message
    assert accepted.status == "ok"
