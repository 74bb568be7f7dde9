"""A manager's discount decision and the order number reach the agent through sync."""

from __future__ import annotations

import re

import pytest

from salesdesk.flow.errors import SignalRejected

from .helpers import CONTACT, CUSTOMER, TERMS, Device, Fleet, ServerHandle, lines


def discounted_sale(agent: Device, discount: str = "20") -> str:
    wid = agent.sales.new_sale()
    agent.signal(wid, "customer", CUSTOMER)
    agent.signal(wid, "contact", CONTACT)
    agent.signal(wid, "lines", lines(discount))
    agent.signal(wid, "terms", TERMS)
    agent.sync_and_run()
    return wid


def test_manager_approval_and_order_number_reach_the_agent(
    server: ServerHandle, fleet: Fleet
) -> None:
    agent = fleet.device("agent-laptop")
    manager = fleet.device("manager-laptop")
    agent.login(server.base_url, "anna")
    manager.login(server.base_url, "mark")
    agent.cycle()
    wid = discounted_sale(agent)
    summary = agent.summary(wid)
    assert summary.status == "awaiting_approval", summary.problems
    assert summary.approval.status == "pending" and summary.approval.max_discount == "20"
    with pytest.raises(SignalRejected) as refused:
        agent.signal(wid, "submit", {})
    assert "a manager must approve the 20% discount" in str(refused.value.fields)

    waiting = manager.sync.team_sales(needs_approval=True)
    assert [row["workflow_id"] for row in waiting] == [wid]
    manager.sync.decide_discount(wid, True, "key account")
    assert manager.sync.team_sales(needs_approval=True) == []

    report = agent.cycle()
    assert report.pulled_events > 0
    summary = agent.summary(wid)
    assert summary.approval.status == "approved"
    assert summary.approval.decided_by == "mark"
    assert summary.approval.comment == "key account"
    assert summary.status == "ready", summary.problems

    agent.signal(wid, "submit", {})
    agent.sales.run_lookups(5)
    assert agent.summary(wid).status == "submitted"
    agent.cycle()
    summary = agent.summary(wid)
    assert summary.status == "accepted"
    assert summary.order_number is not None
    assert re.fullmatch(r"SO-\d{4}-000001", summary.order_number)
    assert agent.history(wid) == server.history(wid)
    assert agent.pending() == 0


def test_rejection_through_the_http_api_and_a_changed_discount(
    server: ServerHandle, fleet: Fleet
) -> None:
    agent = fleet.device("agent-laptop")
    agent.login(server.base_url, "anna")
    agent.cycle()
    rejected = discounted_sale(agent, "30")
    changed = discounted_sale(agent, "20")
    with server.http("mark") as http:
        answer = http.post(
            f"/api/v1/sales/{rejected}/approve-discount",
            json={"approved": False, "comment": "30% is too much"},
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["approval"]["status"] == "rejected"
        assert http.post(
            f"/api/v1/sales/{changed}/approve-discount", json={"approved": True}
        ).is_success
    with server.http("anna") as http:  # an agent may not decide
        answer = http.post(f"/api/v1/sales/{changed}/approve-discount", json={"approved": True})
        assert answer.status_code == 403

    # Offline, before the decision arrived, the agent raised the discount of one sale.
    agent.signal(changed, "lines", lines("25"))
    report = agent.cycle()
    assert report.rebased == [changed] and report.conflicts == []

    summary = agent.summary(rejected)
    assert summary.approval.status == "rejected"
    assert summary.approval.comment == "30% is too much"
    with pytest.raises(SignalRejected) as refused:
        agent.signal(rejected, "submit", {})
    assert "rejected the discount" in str(refused.value.fields)
    # The approval was for 20 %; 25 % after it needs a fresh decision.
    summary = agent.summary(changed)
    assert summary.approval.status == "pending" and summary.approval.max_discount == "25"
    assert any("a manager must approve the 25% discount" in p for p in summary.problems)
    for wid in (rejected, changed):
        assert agent.history(wid) == server.history(wid)
