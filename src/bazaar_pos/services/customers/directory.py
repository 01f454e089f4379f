"""Customers and customer groups: add, change, find, and the prices a group pays."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.phone import PhoneError, normalise_phone, phone_fragment
from bazaar_pos.domain.pricing import BASIS_POINTS, member_price
from bazaar_pos.domain.text import search_words
from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.customers.purchases import Purchase, purchases_of
from bazaar_pos.services.customers.views import CustomerDraft, CustomerView, GroupView
from bazaar_pos.services.people.access import AccessControl, Approval
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import (
    AccountEntry,
    Customer,
    CustomerGroup,
    CustomerGroupPrice,
    Product,
)

NAME_MAX = 100
FOUND_MAX = 200
"""At most this many customers are listed at once; typing narrows the list."""


def owed_by(session: Session, customer_ids: Sequence[int]) -> dict[int, int]:
    """What each customer owes now: the sum of their ledger."""
    if not customer_ids:
        return {}
    rows = session.execute(
        select(AccountEntry.customer_id, func.sum(AccountEntry.amount_minor))
        .where(AccountEntry.customer_id.in_(customer_ids))
        .group_by(AccountEntry.customer_id)
    )
    return {customer_id: int(total or 0) for customer_id, total in rows}


def customer_row(session: Session, customer_id: int) -> Customer:
    """The stored customer, or NotFoundError."""
    customer = session.get(Customer, customer_id, options=[selectinload(Customer.group)])
    if customer is None:
        raise NotFoundError(_("No customer with id {id}.").format(id=customer_id))
    return customer


def view_of(session: Session, customer: Customer) -> CustomerView:
    """A stored customer with their balance."""
    return CustomerView.of(customer, owed_by(session, [customer.id]).get(customer.id, 0))


def member_prices(session: Session, customer_id: int, product_ids: Sequence[int]) -> dict[int, int]:
    """What the customer's group pays for each product, where it differs from the shop's price."""
    customer = customer_row(session, customer_id)
    group = customer.group
    if group is None or not group.active or not product_ids:
        return {}
    own: dict[int, int] = {
        product_id: price
        for product_id, price in session.execute(
            select(CustomerGroupPrice.product_id, CustomerGroupPrice.price_minor).where(
                CustomerGroupPrice.group_id == group.id,
                CustomerGroupPrice.active,
                CustomerGroupPrice.product_id.in_(product_ids),
            )
        )
    }
    prices = session.execute(
        select(Product.id, Product.price_minor).where(Product.id.in_(product_ids))
    )
    found = {}
    for product_id, price in prices:
        paid = member_price(price, discount_bp=group.discount_bp, own_price=own.get(product_id))
        if paid != price:
            found[product_id] = paid
    return found


class CustomerService:
    """The shop's customers and their groups."""

    def __init__(self, db: Database, settings: SettingsService, access: AccessControl) -> None:
        """Serve the customers of ``db``."""
        self._db = db
        self._settings = settings
        self._access = access

    # -- customers -----------------------------------------------------------

    def add(self, draft: CustomerDraft, *, approval: Approval | None = None) -> CustomerView:
        """Add a customer; a limit other than the shop's default is the owner's to give."""
        return self._save(None, draft, approval)

    def update(
        self, customer_id: int, draft: CustomerDraft, *, approval: Approval | None = None
    ) -> CustomerView:
        """Change a customer's details; changing the credit limit needs the owner."""
        return self._save(customer_id, draft, approval)

    def get(self, customer_id: int) -> CustomerView:
        """The customer with ``customer_id`` and what they owe."""
        with self._db.reading() as session:
            return view_of(session, customer_row(session, customer_id))

    def by_uuid(self, uuid: str) -> CustomerView:
        """The customer known on every till by ``uuid``."""
        with self._db.reading() as session:
            customer_id = session.scalar(select(Customer.id).where(Customer.uuid == uuid))
            if customer_id is None:
                raise NotFoundError(_("No customer {ref}.").format(ref=uuid))
            return view_of(session, customer_row(session, customer_id))

    def find(
        self, text: str, *, include_inactive: bool = False, limit: int | None = FOUND_MAX
    ) -> list[CustomerView]:
        """Customers whose name or phone has every typed word, by name; ``0812`` finds ``62812``.

        Empty text lists every customer; at most ``limit`` are returned (None: all).
        """
        query = (
            self._matching(text, include_inactive)
            .options(selectinload(Customer.group))
            .order_by(Customer.name, Customer.id)
            .limit(limit)
        )
        with self._db.reading() as session:
            customers = list(session.scalars(query))
            owed = owed_by(session, [c.id for c in customers])
            return [CustomerView.of(c, owed.get(c.id, 0)) for c in customers]

    def count(self, text: str = "", *, include_inactive: bool = False) -> int:
        """How many customers :meth:`find` would list without a limit."""
        matching = self._matching(text, include_inactive).subquery()
        with self._db.reading() as session:
            return int(session.scalar(select(func.count()).select_from(matching)) or 0)

    @staticmethod
    def _matching(text: str, include_inactive: bool) -> Select[Customer]:
        query = select(Customer)
        if not include_inactive:
            query = query.where(Customer.active)
        for word in search_words(text):
            patterns = [Customer.search_key.contains(word, autoescape=True)]
            if word.lstrip("+").isdigit():
                patterns.append(Customer.phone.contains(phone_fragment(word), autoescape=True))
            query = query.where(or_(*patterns))
        return query

    def history(self, customer_id: int) -> list[Purchase]:
        """The customer's purchases, newest first, with what each put on kasbon."""
        with self._db.reading() as session:
            return purchases_of(session, customer_id)

    def named(self, name: str) -> CustomerView:
        """The one active customer called ``name`` (case ignored), or a phone number's customer.

        Several customers of that name, or none, raise a message saying so.
        """
        wanted = name.strip()
        with self._db.reading() as session:
            query = (
                select(Customer)
                .options(selectinload(Customer.group))
                .where(Customer.active, func.lower(Customer.name) == wanted.lower())
            )
            found = list(session.scalars(query))
            if not found:
                try:
                    phone = normalise_phone(wanted)
                except PhoneError:
                    phone = ""
                if phone:
                    query = select(Customer).where(Customer.active, Customer.phone == phone)
                    found = list(session.scalars(query.options(selectinload(Customer.group))))
            if not found:
                raise NotFoundError(_("No customer called {name}.").format(name=wanted))
            if len(found) > 1:
                raise ValidationError(
                    _("{count} customers are called {name}: use their phone number.").format(
                        count=len(found), name=wanted
                    )
                )
            return view_of(session, found[0])

    def _save(
        self, customer_id: int | None, draft: CustomerDraft, approval: Approval | None
    ) -> CustomerView:
        name = " ".join(draft.name.split())
        problems = []
        if not name:
            problems.append(_("The customer needs a name."))
        elif len(name) > NAME_MAX:
            problems.append(_("A name is at most {count} characters.").format(count=NAME_MAX))
        try:
            phone = normalise_phone(draft.phone)
        except PhoneError as exc:
            problems.append(str(exc))
            phone = ""
        if draft.credit_limit is not None and draft.credit_limit < 0:
            problems.append(_("A credit limit cannot be negative."))
        if problems:
            raise ValidationError(_("The customer was not saved."), problems)
        default_limit = self._settings.load().credit_limit
        with self._db.writing() as session:
            customer = Customer() if customer_id is None else customer_row(session, customer_id)
            before = customer.credit_limit_minor if customer_id is not None else default_limit
            limit = before if draft.credit_limit is None else draft.credit_limit
            if phone and session.scalar(
                select(Customer.name).where(
                    Customer.phone == phone, Customer.active, Customer.id != (customer_id or 0)
                )
            ):
                raise ValidationError(
                    _("The customer was not saved."),
                    [_("Another customer already has the number {phone}.").format(phone=phone)],
                )
            if draft.group_id is not None and session.get(CustomerGroup, draft.group_id) is None:
                raise NotFoundError(_("No customer group with id {id}.").format(id=draft.group_id))
            needed = (Permission.CHANGE_CREDIT_LIMIT,) if limit != before else ()
            with self._access.permit(*needed, approval=approval) as grant:
                customer.name = name
                customer.phone = phone
                customer.group_id = draft.group_id
                customer.notes = draft.notes.strip()
                customer.address = draft.address.strip()
                customer.credit_limit_minor = limit
                customer.active = draft.active
                session.add(customer)
                session.flush()
                action = "customer.added" if customer_id is None else "customer.changed"
                details: dict[str, object] = {"name": name, **grant.details()}
                if limit != before:
                    details |= {"credit_limit": limit, "credit_limit_before": before}
                record_event(
                    session,
                    action,
                    actor=grant.actor.name,
                    entity="customer",
                    entity_ref=customer.uuid,
                    details=details,
                )
            session.refresh(customer, ["group"])
            return view_of(session, customer)

    # -- groups and member prices ---------------------------------------------

    def groups(self, *, include_inactive: bool = False) -> list[GroupView]:
        """The customer groups, by name."""
        query = select(CustomerGroup).order_by(CustomerGroup.name)
        if not include_inactive:
            query = query.where(CustomerGroup.active)
        with self._db.reading() as session:
            return [GroupView.of(g) for g in session.scalars(query)]

    def save_group(
        self, group_id: int | None, name: str, discount_bp: int, *, active: bool = True
    ) -> GroupView:
        """Add or change a group; its percentage off is in basis points (1000 = 10 %)."""
        name = " ".join(name.split())
        if not name:
            raise ValidationError(_("The group needs a name."))
        if not 0 <= discount_bp <= BASIS_POINTS:
            raise ValidationError(_("A group's discount is 0-100%."))
        with self._access.permit(Permission.CHANGE_SETTINGS) as grant, self._db.writing() as s:
            clash = s.scalar(
                select(CustomerGroup.id).where(
                    func.lower(CustomerGroup.name) == name.lower(),
                    CustomerGroup.id != (group_id or 0),
                )
            )
            if clash:
                message = _("There is already a group called {name}.").format(name=name)
                raise ValidationError(message)
            group = CustomerGroup() if group_id is None else s.get(CustomerGroup, group_id)
            if group is None:
                raise NotFoundError(_("No customer group with id {id}.").format(id=group_id))
            group.name, group.discount_bp, group.active = name, discount_bp, active
            s.add(group)
            s.flush()
            record_event(
                s,
                "customer_group.saved",
                actor=grant.actor.name,
                entity="customer_group",
                entity_ref=group.uuid,
                details={"name": name, "discount_bp": discount_bp},
            )
            return GroupView.of(group)

    def set_group_price(self, group_id: int, product_id: int, price: int | None) -> None:
        """Give a group its own price for a product, or (None) go back to its percentage."""
        if price is not None and price < 0:
            raise ValidationError(_("A price cannot be negative."))
        with self._access.permit(Permission.CHANGE_PRICE) as grant, self._db.writing() as s:
            row = s.scalar(
                select(CustomerGroupPrice).where(
                    CustomerGroupPrice.group_id == group_id,
                    CustomerGroupPrice.product_id == product_id,
                )
            )
            if row is None:
                if price is None:
                    return
                row = CustomerGroupPrice(group_id=group_id, product_id=product_id, price_minor=0)
            row.price_minor = price if price is not None else row.price_minor
            row.active = price is not None
            s.add(row)
            s.flush()
            record_event(
                s,
                "customer_group.price_set",
                actor=grant.actor.name,
                entity="customer_group_price",
                entity_ref=row.uuid,
                details={"group": group_id, "product": product_id, "price": price},
            )

    def group_prices(self, group_id: int) -> dict[int, int]:
        """A group's own prices, by product id."""
        with self._db.reading() as session:
            rows = session.execute(
                select(CustomerGroupPrice.product_id, CustomerGroupPrice.price_minor).where(
                    CustomerGroupPrice.group_id == group_id, CustomerGroupPrice.active
                )
            )
            return {product_id: price for product_id, price in rows}

    def prices_for(self, customer_id: int, product_ids: Sequence[int]) -> dict[int, int]:
        """What the customer's group pays for each product (only those that differ)."""
        with self._db.reading() as session:
            return member_prices(session, customer_id, product_ids)
