"""Cost and profit are the owner's: a cashier's report leaves them out unless an owner approves."""

import pytest

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.report import Dimension
from bazaar_pos.services.people.access import PermissionDenied
from bazaar_pos.services.reports.files import FileFormat
from tests.helpers.users import CASHIER, OWNER, OWNER_PIN, act_as

pytestmark = pytest.mark.staffed
"""Every test here runs on the shop with an owner and a cashier."""


@pytest.fixture
def sold(shop, add_product, sell):
    act_as(shop, OWNER)
    sell((add_product(stock=5), 2))
    return Period.day(shop.reports.today())


def test_a_cashier_sees_the_sales_but_not_the_costs(shop, sold):
    full = shop.reports.summary(sold)
    assert full.figures.cost > 0
    act_as(shop, CASHIER)
    with pytest.raises(PermissionDenied) as refused:
        shop.reports.summary(sold)
    assert refused.value.needed == {Permission.VIEW_COST}
    hidden = shop.reports.summary(sold, costs=False)
    assert not hidden.costs_shown
    assert hidden.figures.net == full.figures.net
    assert hidden.figures.cost == 0
    assert all(row.amounts.cost == 0 for row in hidden.rows(Dimension.PRODUCT))


def test_an_owners_approval_to_look_lasts_for_several_reports(shop, sold):
    act_as(shop, CASHIER)
    approval = shop.access.approve(OWNER_PIN, {Permission.VIEW_COST}, owner=OWNER)
    first = shop.reports.summary(sold, approval=approval)
    again = shop.reports.summary(sold, approval=approval)
    assert first.costs_shown
    assert first.figures.cost == again.figures.cost > 0


def test_the_summary_pdf_needs_the_owner_to_approve_the_costs_too(shop, sold, tmp_path):
    act_as(shop, CASHIER)
    export_only = shop.access.approve(OWNER_PIN, {Permission.EXPORT}, owner=OWNER)
    with pytest.raises(PermissionDenied) as refused:
        shop.report_files.write(sold, tmp_path / "r.pdf", FileFormat.PDF, approval=export_only)
    assert refused.value.needed == {Permission.EXPORT, Permission.VIEW_COST}
    both = shop.access.approve(OWNER_PIN, {Permission.EXPORT, Permission.VIEW_COST}, owner=OWNER)
    written = shop.report_files.write(sold, tmp_path / "r.pdf", FileFormat.PDF, approval=both)
    assert written.path.exists()
    assert not (tmp_path / "r.pdf.tmp").exists()


def test_merging_till_bundles_moves_stock_so_a_cashier_needs_the_owner(shop, sold, tmp_path):
    bundle = tmp_path / "till.zip"
    shop.bundles.export(bundle)
    act_as(shop, CASHIER)
    with pytest.raises(PermissionDenied) as refused:
        shop.bundles.import_files([bundle])
    assert refused.value.needed == {Permission.ADJUST_STOCK}
    approval = shop.access.approve(OWNER_PIN, {Permission.ADJUST_STOCK}, owner=OWNER)
    summary = shop.bundles.import_files([bundle], approval=approval)
    assert summary.sales_known == 1
    assert summary.sales_added == 0
