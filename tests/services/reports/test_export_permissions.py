"""Report files and bundles carry costs and takings: a cashier needs the owner to export them."""

import pytest

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.periods import Period
from bazaar_pos.errors import UserError
from bazaar_pos.services.reports.files import FileFormat
from tests.helpers.users import CASHIER, OWNER, OWNER_PIN, act_as


def test_a_cashier_cannot_export_reports_or_bundles_without_the_owner(staffed, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    act_as(staffed, CASHIER)
    today = Period.day(staffed.reports.today())
    refused = [
        lambda: staffed.report_files.write(today, out / "r.pdf", FileFormat.PDF),
        lambda: staffed.report_files.write(today, out / "r.csv", FileFormat.CSV),
        lambda: staffed.report_files.write_zreport_pdf(today.first, out / "z.pdf"),
        lambda: staffed.report_files.write_turnover_csv(today.first.year, out / "t.csv"),
        lambda: staffed.bundles.export(out / "b.zip"),
    ]
    for export in refused:
        with pytest.raises(UserError):
            export()
    assert list(out.iterdir()) == []


def test_the_owner_exports_and_can_approve_a_cashier_on_the_spot(staffed, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    today = Period.day(staffed.reports.today())
    act_as(staffed, OWNER)
    staffed.report_files.write(today, tmp_path / "owner.csv", FileFormat.CSV)
    act_as(staffed, CASHIER)
    approval = staffed.access.approve(OWNER_PIN, {Permission.EXPORT}, owner=OWNER)
    staffed.bundles.export(tmp_path / "approved.zip", approval=approval)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["approved.zip", "owner.csv"]
