"""Settings and sign-in: server URL (read-only when an admin policy locks it), sign in and
out, and the language.

The UI's own preferences live in ``<data_dir>/ui-settings.json``. An admin policy may
lock any of them: ``locked`` maps a key (``server_url``, ``language``) to the reason shown
beside the read-only field.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salesdesk.policy import KEYS, Policy
from salesdesk.sync.status import SyncStatus
from salesdesk.ui import texts
from salesdesk.ui.controller import AppController, CallError
from salesdesk.ui.drafts import atomic_write
from salesdesk.ui.i18n import LANGUAGES
from salesdesk.ui.ports import ROLE_MANAGER
from salesdesk.ui.theme import icon, set_primary, set_read_only_look, set_role
from salesdesk.ui.widgets import FieldMessage, IconLabel

log = logging.getLogger(__name__)
SETTINGS_FILE = "ui-settings.json"


@dataclass(frozen=True)
class UiSettings:
    language: str = "system"
    server_url: str = ""
    user: str = ""
    policy_notice: str = ""  # fingerprint of the policy problems the person has hidden
    # Window geometry (QWidget.saveGeometry, base64) and the sales table's columns
    # (QHeaderView.saveState), restored at the next start.
    main_geometry: str = ""
    sale_geometry: str = ""
    sales_columns: str = ""

    @classmethod
    def load(cls, data_dir: Path) -> UiSettings:
        """Read at start-up, before the event loop runs (a small local file)."""
        try:
            data: Any = json.loads((data_dir / SETTINGS_FILE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable %s: %s", SETTINGS_FILE, exc)
            return cls()
        if not isinstance(data, dict):
            return cls()
        known = {k: str(v) for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def save(self, data_dir: Path) -> None:
        """Worker thread only."""
        text = json.dumps(asdict(self), indent=1, ensure_ascii=False)
        atomic_write(data_dir / SETTINGS_FILE, text.encode("utf-8"))


class SettingsDialog(QDialog):
    settingsChanged = Signal(object)  # UiSettings

    def __init__(
        self,
        controller: AppController,
        settings: UiSettings,
        locked: dict[str, str] | None = None,
        parent: QWidget | None = None,
        *,
        policy: Policy | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(600)
        self._controller = controller
        self._settings = settings
        self._locked = dict(locked or {})
        self._policy = policy
        self.sync_disabled = policy is not None and not policy.sync.enabled

        server_box = QGroupBox(self.tr("Server"))
        form = QFormLayout(server_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        # A locked URL comes with the admin policy, which the sync client applies.
        policy_url = policy.server.url if policy is not None else None
        url = settings.server_url or controller.sync_status().server_url or policy_url or ""
        if "server_url" in self._locked and policy_url:
            url = policy_url
        self.url = QLineEdit(url)
        self.url.setPlaceholderText("https://sales.example.com")
        self.url.setAccessibleName(self.tr("Server URL"))
        url_label = QLabel(self.tr("Server &URL:"))
        url_label.setBuddy(self.url)
        url_row = QWidget()
        url_layout = QVBoxLayout(url_row)
        url_layout.setContentsMargins(0, 0, 0, 0)
        url_layout.setSpacing(3)
        url_layout.addWidget(self.url)
        self.url_lock = QWidget()
        lock_layout = QHBoxLayout(self.url_lock)
        lock_layout.setContentsMargins(0, 0, 0, 0)
        lock_layout.addWidget(IconLabel("lock", "muted", 14))
        self.url_lock_reason = QLabel()
        set_role(self.url_lock_reason, "hint")
        self.url_lock_reason.setWordWrap(True)
        lock_layout.addWidget(self.url_lock_reason, 1)
        url_layout.addWidget(self.url_lock)
        form.addRow(url_label, url_row)
        reason = self._locked.get("server_url")
        if reason:
            self.url.setReadOnly(True)
            set_read_only_look(self.url, True)
            self.url.setAccessibleDescription(reason)
            if policy is not None and policy.is_locked("server.url"):
                text = self.tr("Locked by your administrator in {path}").format(path=policy.source)
            else:
                text = self.tr("Set by your administrator: {reason}").format(reason=reason)
            self.url_lock_reason.setText(text)
        self.url_lock.setVisible(bool(reason))

        self.user = QLineEdit(settings.user or controller.sync_status().logged_in_as or "")
        self.user.setAccessibleName(self.tr("User name"))
        user_label = QLabel(self.tr("User &name:"))
        user_label.setBuddy(self.user)
        form.addRow(user_label, self.user)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        password_label = QLabel(self.tr("&Password:"))
        password_label.setBuddy(self.password)
        form.addRow(password_label, self.password)
        buttons = QHBoxLayout()
        self.login_button = QPushButton(icon("user", "on_accent"), self.tr("&Sign in"))
        self.login_button.setAccessibleName(self.tr("Sign in"))
        set_primary(self.login_button)
        self.login_button.clicked.connect(self._login)
        self.logout_button = QPushButton(icon("logout"), self.tr("Sign &out"))
        self.logout_button.setAccessibleName(self.tr("Sign out"))
        self.logout_button.clicked.connect(self._logout)
        buttons.addWidget(self.login_button)
        buttons.addWidget(self.logout_button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        self.account = FieldMessage()
        form.addRow("", self.account)
        self.password.returnPressed.connect(self._login)

        language_box = QGroupBox(self.tr("Language"))
        language_form = QFormLayout(language_box)
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("System default"), "system")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        index = self.language.findData(settings.language)
        self.language.setCurrentIndex(max(0, index))
        language_label = QLabel(self.tr("&Language:"))
        language_label.setBuddy(self.language)
        language_form.addRow(language_label, self.language)
        self.language_note = FieldMessage(
            self.tr(
                "A new language takes effect the next time SalesDesk starts; windows that "
                "are open now keep their language."
            )
        )
        language_form.addRow("", self.language_note)
        self.language.currentIndexChanged.connect(self._language_picked)
        language_reason = self._locked.get("language")
        if language_reason:
            self.language.setEnabled(False)
            if policy is not None and policy.is_locked("ui.language"):
                text = self.tr("Locked by your administrator in {path}").format(path=policy.source)
            else:
                text = self.tr("Set by your administrator: {reason}").format(reason=language_reason)
            self.language_note.show_hint(text)

        self.policy_box = self._policy_box()

        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        close = box.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))

        layout = QVBoxLayout(self)
        layout.addWidget(server_box)
        layout.addWidget(language_box)
        if self.policy_box is not None:
            layout.addWidget(self.policy_box)
        layout.addStretch(1)
        layout.addWidget(box)

        controller.syncStatusChanged.connect(self._show_status)
        self._show_status(controller.sync_status())
        # Wrapped labels (reasons, paths) need their height for the dialog's width.
        self.resize(self.minimumWidth(), self.heightForWidth(self.minimumWidth()))

    def _language_picked(self, _index: int) -> None:
        if self.language.currentData() == self._settings.language:
            return
        self.language_note.show_warning(
            self.tr(
                "Saved when you close Settings. SalesDesk speaks {language} from its next "
                "start: close it and open it again to switch now (nothing is lost)."
            ).format(language=self.language.currentText())
        )

    # ------------------------------------------------------------------ admin policy
    def _policy_box(self) -> QGroupBox | None:
        """What the administrator's policy sets, read-only, locked keys with the reason."""
        policy = self._policy
        if policy is None or not (policy.configured or policy.locked):
            return None
        box = QGroupBox(self.tr("Set by your administrator"))
        box.setObjectName("policyBox")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        intro = QLabel(
            self.tr("These settings come from {path}. Locked ones cannot be changed here.").format(
                path=policy.source
            )
        )
        intro.setWordWrap(True)
        set_role(intro, "hint")
        form.addRow(intro)
        self.policy_rows: dict[str, QLabel] = {}
        for key in KEYS:
            if key not in policy.configured and key not in policy.locked:
                continue
            value = QLabel(self._policy_value(key))
            value.setObjectName("policy:" + key)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            row = QWidget()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.setSpacing(6)
            row_layout.addWidget(value, 1)
            if policy.is_locked(key):
                lock = IconLabel("lock", "muted", 14)
                lock.setToolTip(self.tr("Locked by your administrator"))
                row_layout.addWidget(lock)
                locked_text = QLabel(self.tr("locked"))
                set_role(locked_text, "hint")
                row_layout.addWidget(locked_text)
            self.policy_rows[key] = value
            form.addRow(self._policy_label(key), row)
        return box

    def _policy_label(self, key: str) -> str:
        return {
            "server.url": self.tr("Server URL:"),
            "server.ca_file": self.tr("Extra trusted certificates:"),
            "sync.enabled": self.tr("Syncing:"),
            "sync.interval_seconds": self.tr("Sync every:"),
            "lookups.wait_seconds": self.tr("Command line waits for lookups:"),
            "sales.quote_validity_days": self.tr("Quotes are valid for:"),
            "sales.discount_approval_threshold": self.tr("Manager approval for discounts above:"),
            "ui.language": self.tr("Language:"),
        }.get(key, key)

    def _policy_value(self, key: str) -> str:
        assert self._policy is not None
        value = self._policy.value(key)
        if value is None:
            return self.tr("(not set)")
        if key == "sync.enabled":
            return self.tr("On") if value else self.tr("Off — this computer never syncs")
        if key in ("sync.interval_seconds", "lookups.wait_seconds"):
            return self.tr("%n second(s)", None, int(float(str(value))))
        if key == "sales.quote_validity_days":
            return self.tr("%n day(s)", None, int(str(value)))
        if key == "sales.discount_approval_threshold":
            return texts.percent(value)
        if key == "ui.language":
            return LANGUAGES.get(str(value), self.tr("System default"))
        return str(value)

    # ------------------------------------------------------------------ account
    def _show_status(self, status: SyncStatus) -> None:
        if self.sync_disabled:
            assert self._policy is not None
            self.account.show_warning(
                self.tr(
                    "Your administrator turned syncing off for this computer (in {path}). "
                    "Your sales stay on this computer."
                ).format(path=self._policy.source)
            )
            for widget in (self.url, self.user, self.password):
                widget.setEnabled(False)
            self.login_button.setEnabled(False)
            self.logout_button.setEnabled(False)
            return
        signed_in = bool(status.logged_in_as)
        if signed_in:
            role = self.tr("manager") if status.role == ROLE_MANAGER else self.tr("agent")
            self.account.show_ok(
                self.tr("Signed in as {user} ({role})").format(user=status.logged_in_as, role=role)
            )
        elif status.needs_login:
            self.account.show_warning(self.tr("Your session ended — sign in again to sync."))
        elif self.account.kind != "error":
            self.account.show_hint(self.tr("Not signed in. Your sales stay on this computer."))
        self.login_button.setEnabled(not signed_in)
        self.logout_button.setEnabled(signed_in)
        self.password.setEnabled(not signed_in)
        self.user.setReadOnly(signed_in)
        set_read_only_look(self.user, signed_in)

    def _login(self) -> None:
        url = self.url.text().strip()
        user = self.user.text().strip()
        if not url or not user or not self.password.text():
            self.account.show_error(
                self.tr("Enter the server URL, your user name and your password.")
            )
            (self.url if not url else self.user if not user else self.password).setFocus()
            return
        self.login_button.setEnabled(False)
        self.account.show_hint(self.tr("Signing in…"))
        password = self.password.text()
        self._controller.login(url, user, password, self._logged_in, self._login_failed)

    def _logged_in(self, _result: object) -> None:
        self.password.clear()
        self._show_status(self._controller.sync_status())

    def _login_failed(self, error: CallError) -> None:
        self.login_button.setEnabled(True)
        self.account.show_error(error.message)
        self.password.selectAll()
        self.password.setFocus()

    def _logout(self) -> None:
        self._controller.logout(lambda _r: self._show_status(self._controller.sync_status()))

    # ------------------------------------------------------------------ result
    def current_settings(self) -> UiSettings:
        return replace(
            self._settings,
            server_url=self.url.text().strip(),
            user=self.user.text().strip(),
            language=str(self.language.currentData()),
        )

    def done(self, result: int) -> None:
        updated = self.current_settings()
        if updated != self._settings:
            data_dir = self._controller.data_dir
            self._controller.call(lambda _s: updated.save(data_dir))
            self.settingsChanged.emit(updated)
        super().done(result)
