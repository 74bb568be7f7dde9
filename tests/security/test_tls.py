"""TLS verification is on by default, and only the administrator's policy widens it.

The whole server runs over HTTPS on loopback with a certificate made at test time by a
private CA. The desktop (``salesdesk login`` / ``sync`` in-process, the ServerClient)
refuses it, saying what is wrong and how to fix it, until the policy's ``server.ca_file``
names that CA. Nothing can turn verification off.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

pytest.importorskip("cryptography")
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from tests.server.sync.helpers import PASSWORD, seed, settings_for
from tests.support.inprocess import memory_keyring_installed, run_cli

from salesdesk.server.demo_upstreams.runner import demo_lookups_config, run_in_thread
from salesdesk.server.main import build_app
from salesdesk.sync.client import ServerClient
from salesdesk.sync.credentials import SERVICE
from salesdesk.sync.errors import ServerRejected
from salesdesk.sync.memory_keyring import MemoryKeyring


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def make_ca(
    directory: Path, name: str
) -> tuple[Path, x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(name))
        .issuer_name(_name(name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    path = directory / f"{name}.pem"
    path.write_bytes(_pem(cert))
    return path, cert, key


def make_server_cert(
    directory: Path, ca_cert: x509.Certificate, ca_key: ec.EllipticCurvePrivateKey
) -> tuple[Path, Path]:
    """A leaf certificate for 127.0.0.1 only, issued by the CA."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("127.0.0.1"))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    cert_path, key_path = directory / "server.pem", directory / "server-key.pem"
    cert_path.write_bytes(_pem(cert))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class Tls:
    def __init__(self, base_url: str, ca: Path, other_ca: Path, tmp: Path) -> None:
        self.base_url = base_url
        self.ca = ca
        self.other_ca = other_ca
        self.tmp = tmp


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with memory_keyring_installed() as backend:
        yield backend


@pytest.fixture
def tls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Tls]:
    ca, ca_cert, ca_key = make_ca(tmp_path, "company-ca")
    other_ca, _cert, _key = make_ca(tmp_path, "someone-else-ca")
    cert, key = make_server_cert(tmp_path, ca_cert, ca_key)
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    seed(url)
    # No policy file yet: the built-in defaults (system CAs only).
    monkeypatch.setenv("SALESDESK_POLICY_FILE", str(tmp_path / "policy.toml"))
    with ExitStack() as stack:
        upstreams, _stop_upstreams = stack.enter_context(run_in_thread())
        base_url, _stop = stack.enter_context(
            run_in_thread(
                build_app(settings_for(url), demo_lookups_config(upstreams)),
                ssl_certfile=str(cert),
                ssl_keyfile=str(key),
                lifespan="on",
            )
        )
        assert base_url.startswith("https://127.0.0.1:")
        yield Tls(base_url, ca, other_ca, tmp_path)


def set_policy(tls: Tls, ca_file: Path | None, extra: str = "") -> None:
    body = "[server]\n" + (f'ca_file = "{ca_file}"\n' if ca_file else "") + extra
    (tls.tmp / "policy.toml").write_text(body, encoding="utf-8")


def assert_refused_clearly(message: str) -> None:
    lowered = message.lower()
    assert "certificate" in lowered and "not trust" in lowered, message  # what is wrong
    assert "server.ca_file" in message and "administrator" in lowered, message  # the fix
    assert "cannot be turned off" in lowered, message


def test_the_desktop_refuses_an_untrusted_server_until_the_policy_adds_its_ca(
    tls: Tls, memory_keyring: MemoryKeyring
) -> None:
    data_dir = tls.tmp / "laptop"
    login = ["--data-dir", str(data_dir), "login", "--server", tls.base_url, "--user", "alice"]

    # 1. Default: refused, with what is wrong and how to fix it; nothing kept.
    code, _out, err = run_cli(*login, stdin=f"{PASSWORD}\n")
    assert code == 1, err
    assert "login failed" in err
    assert_refused_clearly(err)
    assert "Traceback" not in err
    assert memory_keyring._items == {}
    assert not (data_dir / "sync.json").exists()

    # 2. A policy trusting some other CA changes nothing.
    set_policy(tls, tls.other_ca)
    code, _out, err = run_cli(*login, stdin=f"{PASSWORD}\n")
    assert code == 1 and "not trust" in err, err

    # 3. A policy trying to turn verification off is ignored: still refused.
    set_policy(tls, None, "verify = false\ninsecure = true\n")
    code, _out, err = run_cli(*login, stdin=f"{PASSWORD}\n")
    assert code == 1 and "not trust" in err, err

    # 4. The administrator adds the company CA: sign-in and sync work.
    set_policy(tls, tls.ca)
    code, out, err = run_cli(*login, stdin=f"{PASSWORD}\n")
    assert code == 0, err
    assert "signed in" in out
    assert memory_keyring.get_password(SERVICE, f"{tls.base_url}|alice")
    code, out, err = run_cli("--data-dir", str(data_dir), "sync", "--json")
    assert code == 0, err

    # 5. The policy drops the CA again: the next sync is refused, clearly.
    set_policy(tls, None)
    code, _out, err = run_cli("--data-dir", str(data_dir), "sync")
    assert code == 1, err
    assert_refused_clearly(err)


def test_the_ca_only_vouches_for_the_names_in_the_certificate(tls: Tls) -> None:
    """Trusting the CA does not mean trusting any host: the name is checked too."""
    set_policy(tls, tls.ca)
    port = tls.base_url.rsplit(":", 1)[1]
    with ServerClient(f"https://localhost:{port}") as client, pytest.raises(ServerRejected) as e:
        client.health()
    assert "not trust" in e.value.message and "localhost" in e.value.message
    with ServerClient(tls.base_url) as client:
        assert client.health()
    # Without the policy, an explicit --ca-file of the profile is the only other way in.
    set_policy(tls, None)
    with ServerClient(tls.base_url, ca_file=str(tls.ca)) as client:
        assert client.health()
    with ServerClient(tls.base_url, trust_policy_ca=False) as client, pytest.raises(ServerRejected):
        client.health()


def test_an_unusable_ca_file_is_a_clear_refusal_not_a_crash(tls: Tls) -> None:
    broken = tls.tmp / "broken-ca.pem"
    broken.write_text("-----BEGIN CERTIFICATE-----\nnot a certificate\n", encoding="utf-8")
    set_policy(tls, broken)
    with ServerClient(tls.base_url) as client, pytest.raises(ServerRejected) as e:
        client.health()
    assert str(broken) in e.value.message and "server.ca_file" in e.value.message


def test_a_lookup_waits_while_the_server_is_not_trusted_and_runs_once_it_is(tls: Tls) -> None:
    """An untrusted certificate is the administrator's to mend, not the customer's fault: the
    lookup waits like offline (its check is not failed for good) and goes through as soon as
    the policy names the CA."""
    import time

    from salesdesk.flow.errors import ConnectivityError
    from salesdesk.flow.runner import ActivityContext
    from salesdesk.sync.gateway_activities import make_gateway_activities
    from salesdesk.sync.profile import SyncProfile

    with ServerClient(tls.base_url, ca_file=str(tls.ca)) as client:
        token = client.login("alice", PASSWORD).token
    activities = make_gateway_activities(SyncProfile(tls.base_url, "alice"), lambda: token)

    def lookup() -> object:
        context = ActivityContext("w-tls", 1, 1, time.monotonic() + 10)
        payload = {"country_code": "DE", "vat_number": "812453790"}
        return activities["company_lookup"](payload, context)

    with pytest.raises(ConnectivityError) as waiting:
        lookup()
    assert waiting.value.code == "SERVER_NOT_TRUSTED"
    assert_refused_clearly(str(waiting.value))

    set_policy(tls, tls.ca)
    result = lookup()
    assert isinstance(result, dict) and result.get("valid") is True, result
