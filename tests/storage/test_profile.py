"""The sign-off's names: the seller's own, asked once, kept across runs, never invented."""

import pytest

from poa.core.errors import UserError
from poa.storage.profile import Profile, load_profile, make_profile, profile_path, save_profile


def test_the_profile_is_kept_and_signs_the_letter(tmp_path):
    assert load_profile(tmp_path) == Profile() and Profile().sign_off() == []
    save_profile(tmp_path, make_profile("  Ana   Ruiz ", "Kestrel Pottery"))
    saved = load_profile(tmp_path)
    assert saved.sign_off() == ["Regards,", "Ana Ruiz", "Kestrel Pottery"]
    assert make_profile("", "Kestrel Pottery").sign_off() == ["Regards,", "Kestrel Pottery"]


def test_a_damaged_file_or_a_long_name_loses_nothing_else(tmp_path):
    profile_path(tmp_path).write_text("{not json")
    assert load_profile(tmp_path) == Profile()  # the next draft simply has no sign-off
    with pytest.raises(UserError, match="up to 120"):
        make_profile("x" * 121)
