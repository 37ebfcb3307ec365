"""Shipped resources: templates as a consistent set, the ICC profile, fonts, office profile."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageCms
from reportlab.pdfbase.ttfonts import TTFont

from clerk_app.certificates import resources
from clerk_app.certificates.icc import srgb_v2_profile
from clerk_app.certificates.templates import TemplateError, TemplateSet
from clerk_app.core.certificates.office import (
    OfficeProfileError,
    default_profile,
    load_office_profile,
)
from clerk_app.core.certificates.types import LANGUAGES, CertificateType


def test_every_type_has_a_template_in_every_language() -> None:
    templates = TemplateSet()
    for cert_type in CertificateType:
        titles = {templates.wording(cert_type, lang)("title") for lang in LANGUAGES}
        assert len(titles) == 4  # really translated, not copied
        for lang in LANGUAGES:
            w = templates.wording(cert_type, lang)
            assert len(w.months) == 12
            assert w("labels.page", page=2, pages=3).count("2") == 1
    ru = templates.wording(CertificateType.EMPLOYMENT, "ru")
    assert ru("opening", fonds_list="№ Р-45").startswith("В документах архивного фонда")
    assert templates.wording(CertificateType.NEGATIVE, "ru")("title") == "ИНФОРМАЦИОННОЕ ПИСЬМО"
    assert templates.wording(CertificateType.SALARY, "et")("title") == "ARHIIVITEATIS"


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(resources.TEMPLATES, folder)
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("salary.lv.toml", 'title = "ARHĪVA IZZIŅA"\n', "", "keys differ"),
        ("common.et.toml", "Lk {page}/{pages}", "Lk {page}", "placeholders"),
        ("common.ru.toml", "Лист {page} из {pages}", "Лист {page.real} из {pages}", "plain name"),
        ("negative.en.toml", 'title = "', 'title = ""', "negative.en.toml"),
        ("common.lv.toml", '"decembris"]', '"decembris", "x"]', "12 names"),
    ],
)
def test_a_broken_template_set_is_refused_at_load(  # type: ignore[no-untyped-def]
    tmp_path: Path, file, old, new, expected
) -> None:
    folder = _copy(tmp_path)
    _edit(folder / file, old, new)
    with pytest.raises(TemplateError, match=expected):
        TemplateSet(folder)


def test_a_missing_template_file_is_named(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "residence.lv.toml").unlink()
    with pytest.raises(TemplateError, match=r"residence\.lv\.toml: missing"):
        TemplateSet(folder)


def test_icc_profile_is_the_generated_v2_srgb() -> None:
    data = resources.ICC_SRGB.read_bytes()
    assert data == srgb_v2_profile()  # reproducible from the published sRGB numbers
    assert data[8] == 2 and data[12:24] == b"mntrRGB XYZ "  # ICC v2 display RGB profile
    ours = ImageCms.ImageCmsProfile(str(resources.ICC_SRGB))
    # lcms reads it, and converting through it to lcms's own sRGB changes no colour
    image = Image.new("RGB", (256, 3))
    for x in range(256):
        image.putpixel((x, 0), (x, 0, 255 - x))
        image.putpixel((x, 1), (x, x, x))
        image.putpixel((x, 2), (255 - x, x, 128))
    transform = ImageCms.buildTransform(ours, ImageCms.createProfile("sRGB"), "RGB", "RGB")
    converted = ImageCms.applyTransform(image, transform)
    assert converted is not None
    assert max(abs(a - b) for a, b in zip(image.tobytes(), converted.tobytes(), strict=True)) <= 1


def test_fonts_cover_the_region_s_letters() -> None:
    letters = "õäöüšžÕÄÖÜŠŽāēīūķļņģĀĒĪŪĶĻŅĢабвгдеёжзийклмнопрстуфхцчшщъыьэюя„“«»№–€’—·•"
    for path in (resources.FONT_REGULAR, resources.FONT_BOLD):
        face = TTFont(path.stem, str(path)).face
        missing = [c for c in letters if ord(c) not in face.charToGlyph]
        assert missing == [], (path.name, missing)
    assert "SIL Open Font License" in (resources.FONTS / "OFL.txt").read_text(encoding="utf-8")


def test_office_profile_from_toml(tmp_path: Path) -> None:
    path = tmp_path / "office.toml"
    assert load_office_profile(path, "NRV") == default_profile("NRV")  # no file: neutral
    path.write_text(
        'version = 1\nname = { et = "Narva Linnaarhiiv", ru = "Нарвский городской архив" }\n'
        'address = "Peetri plats 5, 20308 Narva"\nsignatory_name = "Mari Mets"\n'
        'signatory_title = { et = "Juhataja" }\nverify_url = "https://a.ee/v/"\n',
        encoding="utf-8",
    )
    profile = load_office_profile(path, "NRV")
    assert profile.text("name", "ru") == "Нарвский городской архив"
    assert profile.text("name", "lv") == "Narva Linnaarhiiv"  # falls back to the first given
    assert profile.text("address", "en") == "Peetri plats 5, 20308 Narva"
    assert profile.verification("u1") == "https://a.ee/v/u1"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('address = "x"\n', "name: missing"),
        ('name = { de = "Archiv" }\n', "unknown language"),
        ('name = "A"\nversion = 7\n', "version: 7"),
        ('name = "A"\nsignatory_name = 5\n', "signatory_name: expected text"),
        ("name = \n", "office.toml"),
    ],
)
def test_bad_office_profile_is_refused_with_the_field(  # type: ignore[no-untyped-def]
    tmp_path: Path, content, expected
) -> None:
    path = tmp_path / "office.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(OfficeProfileError, match=expected):
        load_office_profile(path, "NRV")
