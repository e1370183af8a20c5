"""Growing delays instead of a lockout. After a few failures, the next try must wait 1, 2, 4 …
seconds (at most LOGIN_MAX_DELAY_SECONDS) after the last failure, counted separately

- per account and address: someone guessing one account from one place;
- per address: someone trying many accounts from one place;
- per account, only from addresses where the account has not signed in lately, and counting the
  *other addresses* that failed rather than the failures: guessing spread over many places. One
  address, however patient, never reaches it, so it cannot stop the owner signing in from
  another place; the owner's usual computers are never slowed by it at all,

so an attacker can slow themselves and strangers down, never stop the owner. An IPv6 address
counts as its /64 network (one subscriber's line hands out any number of addresses in it). Tries
refused for coming too soon are not counted, or an attacker could keep the wait growing. Unknown
email addresses are counted like accounts: the answer tells nothing.
"""

import ipaddress
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, and_, delete, func, select

from outreach.extensions import db
from outreach.models import SignInAttempt
from outreach.models.base import utcnow
from outreach.services.rows import affected

A = SignInAttempt
#: Failures older than this no longer count.
WINDOW = timedelta(hours=1)
#: An address where the account signed in this recently is one of its owner's.
TRUSTED_FOR = timedelta(days=30)
#: Failures allowed before any wait, per limit (for "account": other addresses that failed). An
#: address can be a whole community centre.
FREE = {"account_address": 3, "address": 10, "account": 5}


def wait(account: str, address: str) -> tuple[str, int] | None:
    """(the limit, seconds to wait) when a try now must be refused; None when it may go on."""
    now, place = utcnow(), network(address)
    for limit, where, since, counted in _limits(account, place, now):
        failures, last = db.session.execute(
            select(counted, func.max(A.at)).where(where, A.succeeded.is_(False), A.at > since)
        ).one()
        left = _delay(failures - FREE[limit]) - (now - _aware(last)).total_seconds() if last else 0
        if left > 0:
            return limit, int(left) + 1
    return None


def _limits(account: str, place: str, now: datetime):
    window, failures = now - WINDOW, func.count(A.id)
    pair = and_(A.account == account, A.address == place)
    yield "account_address", pair, max(window, _last_success(pair)), failures
    yield "address", A.address == place, window, failures
    if _last_success(pair, now - TRUSTED_FOR) == _EPOCH:
        elsewhere = and_(A.account == account, A.address != place)
        since = max(window, _last_success(A.account == account))
        yield "account", elsewhere, since, func.count(func.distinct(A.address))


def network(address: str) -> str:
    """Where a try comes from, as counted: an IPv4 address as it is, an IPv6 one as its /64."""
    try:
        found = ipaddress.ip_address(address)
    except ValueError:
        return address[:45]
    if isinstance(found, ipaddress.IPv6Address):
        if found.ipv4_mapped:
            return str(found.ipv4_mapped)
        return str(ipaddress.ip_network(f"{found}/64", strict=False))
    return str(found)


_EPOCH = datetime(1970, 1, 1, tzinfo=utcnow().tzinfo)


def _last_success(where: ColumnElement[bool], after: datetime = _EPOCH) -> datetime:
    last = db.session.scalar(
        select(func.max(A.at)).where(where, A.succeeded.is_(True), A.at > after)
    )
    return _aware(last) if last else _EPOCH


def _delay(excess: int) -> float:
    if excess < 0:
        return 0
    return min(2.0 ** min(excess, 30), current_app.config["LOGIN_MAX_DELAY_SECONDS"])


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; every time we store is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)


def record(account: str, address: str, succeeded: bool) -> None:
    """Note a checked sign-in. The caller commits."""
    db.session.add(A(account=account, address=network(address), succeeded=succeeded))


def purge_old() -> int:
    """Delete attempts too old to matter (after TRUSTED_FOR)."""
    purged = affected(db.session.execute(delete(A).where(A.at < utcnow() - TRUSTED_FOR)))
    db.session.commit()
    return purged
