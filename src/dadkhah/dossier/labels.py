"""The words of the case file in English and Persian.

Headings, column names and the fixed paragraphs (methodology, limitations, how to verify). The
facts themselves are the case's: names and titles appear as the sources wrote them, in their own
script, marked with their language so that each is shaped and ordered correctly.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

EN: dict[str, str] = {
    "title": "Case file",
    "prepared_for": "Prepared for",
    "clearance": "Clearance",
    "purpose": "Purpose",
    "scope": "Subject",
    "case": "Case",
    "facts_as_of": "Facts as recorded up to",
    "law_as_of": "Legal analysis as of",
    "checkpoint": "Custody log checkpoint",
    "contents": "Contents",
    "summary": "1. Summary",
    "facts": "2. Facts and chronology",
    "places": "3. Places",
    "victims": "4. Victims",
    "suspects": "5. Suspects, positions and command relations",
    "legal": "6. Legal characterisation",
    "forums": "7. Forum analysis",
    "annex": "8. Evidence annex",
    "method": "9. Methodology and limitations",
    "verification": "10. Verification",
    "events": "Events",
    "chronology": "Chronology",
    "date": "Date",
    "what": "What happened",
    "count": "Records",
    "kind": "Kind",
    "dates": "Dates",
    "place": "Place",
    "part_of": "Part of",
    "involved": "Recorded involvement",
    "violations": "Violations recorded",
    "no": "No.",
    "name": "Name",
    "name_fa": "Name (Persian script)",
    "coordinates": "Coordinates",
    "within": "Within",
    "legend": "Legend",
    "map_caption": "Places of the events and violations in this case file, drawn from their recorded "
    "coordinates "
    "(equirectangular, no base map). Numbers refer to the table below.",
    "documented": "Victim records (before linkage)",
    "named_list": "Named victims",
    "father": "Father's name",
    "born": "Born",
    "act": "Act",
    "sources": "Sources",
    "unnamed": "further victims are recorded whose names this recipient may not see.",
    "estimate": "Estimate of the total number of victims",
    "not_yet_estimated": "Not yet estimated",
    "method_label": "Method",
    "observed": "Documented (linked)",
    "estimated_total": "Estimated total",
    "interval": "Interval",
    "lists": "Lists",
    "assumptions": "Assumptions",
    "positions": "Positions held",
    "title_col": "Title",
    "organization": "Organization",
    "reports_to": "Reports to",
    "chain": "Within",
    "involvements": "Involvement",
    "role": "Role",
    "allegations": "Allegations",
    "witness_code": "Witness code",
    "allegation": "Allegation",
    "suspect": "Suspect",
    "crime": "Crime",
    "mode": "Mode of liability",
    "period": "Period of the facts",
    "element": "Element",
    "status": "Status",
    "independent": "Independent sources",
    "evidence": "Evidence",
    "supports": "supports",
    "contradicts": "contradicts",
    "not_counted": "not counted",
    "exhibit": "Exhibit",
    "links_withheld": "linked items are not visible at this clearance and are not counted.",
    "forum": "Forum",
    "type": "Type",
    "investigation": "Investigation",
    "trial": "Trial",
    "reasons": "Decisive reasons",
    "facts_used": "Facts used",
    "unknown": "Not recorded in the case (left open)",
    "ern": "Evidence reference number",
    "document_date": "Document date",
    "document_type": "Type",
    "hashes": "Hashes",
    "custody": "Custody",
    "proof": "Inclusion proof",
    "in_bag": "In the bag",
    "cited_for": "Cited for",
    "leaf": "leaf",
    "of": "of",
    "no_exhibits": "No evidence file in the scope of this case file may be given to this recipient.",
    "no_proof": "No arrival event proven for these bytes.",
    "origin": "Log",
    "size": "Events",
    "root": "Root hash (SHA-256)",
    "signed_note": "Signed checkpoint",
    "public_key": "Public key",
    "left_out": "Left out for this recipient",
    "nothing_left_out": "Nothing in the scope of this case file was left out for this recipient.",
    "source_list": "Sources relied on",
    "claims": "Claims",
    "none": "none recorded",
    "status.unsupported": "unsupported",
    "status.contested": "contested",
    "status.single-source": "single source",
    "status.corroborated": "corroborated",
    "verdict.available": "available",
    "verdict.uncertain": "uncertain",
    "verdict.barred": "barred",
    "part.crime": "crime",
    "part.context": "contextual",
    "part.mode": "mode",
    "page": "page",
    "source_keys": "Sources are given by their key (S1, S2 …) in the list of sources in section 9.",
}

FA: dict[str, str] = {
    "title": "پرونده",
    "prepared_for": "تهیه‌شده برای",
    "clearance": "سطح دسترسی",
    "purpose": "هدف",
    "scope": "موضوع",
    "case": "پرونده",
    "facts_as_of": "واقعیت‌ها بر پایهٔ ثبت‌ها تا",
    "law_as_of": "تحلیل حقوقی به تاریخ",
    "checkpoint": "نقطهٔ بازرسی دفتر زنجیرهٔ نگهداری",
    "contents": "فهرست",
    "summary": "۱. خلاصه",
    "facts": "۲. واقعیت‌ها و گاه‌شمار",
    "places": "۳. مکان‌ها",
    "victims": "۴. قربانیان",
    "suspects": "۵. متهمان، سمت‌ها و روابط فرماندهی",
    "legal": "۶. توصیف حقوقی",
    "forums": "۷. تحلیل مراجع صالح",
    "annex": "۸. پیوست ادله",
    "method": "۹. روش و محدودیت‌ها",
    "verification": "۱۰. راستی‌آزمایی",
    "events": "رویدادها",
    "chronology": "گاه‌شمار",
    "date": "تاریخ",
    "what": "آنچه رخ داد",
    "count": "شمار ثبت‌ها",
    "kind": "نوع",
    "dates": "تاریخ‌ها",
    "place": "مکان",
    "part_of": "بخشی از",
    "involved": "مشارکت ثبت‌شده",
    "violations": "نقض‌های ثبت‌شده",
    "no": "ردیف",
    "name": "نام",
    "name_fa": "نام (خط فارسی)",
    "coordinates": "مختصات",
    "within": "در",
    "legend": "راهنما",
    "map_caption": "مکان رویدادها و نقض‌های این پرونده بر پایهٔ مختصات ثبت‌شده (بدون نقشهٔ پایه). "
    "شماره‌ها به جدول زیر اشاره دارند.",
    "documented": "سوابق قربانیان (پیش از پیوند)",
    "named_list": "فهرست نام قربانیان",
    "father": "نام پدر",
    "born": "تولد",
    "act": "نوع نقض",
    "sources": "منابع",
    "unnamed": "قربانی دیگر نیز ثبت شده‌اند که این گیرنده اجازهٔ دیدن نامشان را ندارد.",
    "estimate": "برآورد شمار کل قربانیان",
    "not_yet_estimated": "هنوز برآورد نشده است",
    "method_label": "روش",
    "observed": "مستندشده (پیوندخورده)",
    "estimated_total": "برآورد کل",
    "interval": "بازه",
    "lists": "فهرست‌ها",
    "assumptions": "فرض‌ها",
    "positions": "سمت‌ها",
    "title_col": "عنوان",
    "organization": "نهاد",
    "reports_to": "زیر نظر",
    "chain": "در",
    "involvements": "مشارکت",
    "role": "نقش",
    "allegations": "اتهام‌ها",
    "witness_code": "کد شاهد",
    "allegation": "اتهام",
    "suspect": "متهم",
    "crime": "جرم",
    "mode": "شیوهٔ مسئولیت",
    "period": "دورهٔ واقعیت‌ها",
    "element": "رکن",
    "status": "وضعیت",
    "independent": "منابع مستقل",
    "evidence": "ادله",
    "supports": "تأیید می‌کند",
    "contradicts": "رد می‌کند",
    "not_counted": "شمرده نشده",
    "exhibit": "سند",
    "links_withheld": "مورد پیوندشده در این سطح دسترسی دیده نمی‌شود و شمرده نشده است.",
    "forum": "مرجع",
    "type": "نوع",
    "investigation": "تحقیق",
    "trial": "محاکمه",
    "reasons": "دلایل تعیین‌کننده",
    "facts_used": "واقعیت‌های به‌کاررفته",
    "unknown": "در پرونده ثبت نشده (باز مانده)",
    "ern": "شمارهٔ ارجاع سند",
    "document_date": "تاریخ سند",
    "document_type": "نوع",
    "hashes": "چکیده‌ها",
    "custody": "زنجیرهٔ نگهداری",
    "proof": "اثبات شمول",
    "in_bag": "در بسته",
    "cited_for": "استناد برای",
    "leaf": "برگ",
    "of": "از",
    "no_exhibits": "هیچ پرونده‌ای از ادلهٔ این موضوع را نمی‌توان به این گیرنده داد.",
    "no_proof": "هیچ رویداد ورودی برای این بایت‌ها اثبات نشده است.",
    "origin": "دفتر",
    "size": "شمار رویدادها",
    "root": "چکیدهٔ ریشه، SHA-256",
    "signed_note": "نقطهٔ بازرسی امضاشده",
    "public_key": "کلید عمومی",
    "left_out": "آنچه برای این گیرنده کنار گذاشته شد",
    "nothing_left_out": "هیچ چیز از موضوع این پرونده برای این گیرنده کنار گذاشته نشد.",
    "source_list": "منابع مورد استناد",
    "claims": "ادعاها",
    "none": "ثبت نشده",
    "status.unsupported": "بدون پشتوانه",
    "status.contested": "مورد مناقشه",
    "status.single-source": "تک‌منبعی",
    "status.corroborated": "تأییدشده",
    "verdict.available": "در دسترس",
    "verdict.uncertain": "نامعلوم",
    "verdict.barred": "ممنوع",
    "part.crime": "جرم",
    "part.context": "زمینه",
    "part.mode": "شیوه",
    "page": "صفحه",
    "source_keys": "منابع با کلیدشان (S1، S2 …) در فهرست منابع بخش ۹ آمده‌اند.",
}

#: paragraphs of the methodology and limitations section
METHOD_EN = (
    "Every fact in this case file is a claim recorded in the case with its source (a victim list, a report, "
    "a document, a testimony segment) and, where there is one, the evidence file it rests on. Conflicting "
    "claims are kept side by side; where a single value is shown, it is the one with the most independent "
    "sources, then the most precise date.",
    "Victims are counted as the records the case holds. Until the victim lists are linked, a person named on "
    "several lists is counted once per list; the estimate of the total, when there is one, comes "
    "from multiple "
    "systems estimation on the linked lists and carries its interval, method and assumptions.",
    "The legal characterisation follows the elements of crimes and modes of liability of the knowledge base, "
    "each with its citation and confidence tag ([V] verified, [K] general knowledge, [U] "
    "unverified). An element "
    "is corroborated when two or more independent sources support it; items sharing a witness, a "
    "source or an "
    "original document are one source.",
    "The forum analysis applies the recorded jurisdiction rules to the facts recorded about each "
    "suspect on the "
    "date shown; a fact the case does not record is left open, never assumed.",
)
METHOD_FA = (
    "هر واقعیت در این پرونده ادعایی است که با منبع خود (فهرست قربانیان، گزارش، سند یا بخشی از یک شهادت) و "
    "در صورت وجود با پروندهٔ مدرکی که بر آن تکیه دارد ثبت شده است. ادعاهای متعارض کنار هم نگه داشته می‌شوند؛ "
    "هرجا یک مقدار نشان داده شده، مقداری است که بیشترین منبع مستقل و سپس دقیق‌ترین تاریخ را دارد.",
    "قربانیان بر پایهٔ ثبت‌های پرونده شمرده می‌شوند. تا زمانی که فهرست‌ها به هم پیوند نخورده‌اند، کسی که در "
    "چند فهرست آمده به شمار هر فهرست یک بار شمرده می‌شود؛ برآورد شمار کل، اگر باشد، از برآورد چندسامانه‌ای "
    "بر فهرست‌های پیوندخورده می‌آید و بازه، روش و فرض‌هایش را همراه دارد.",
    "توصیف حقوقی از ارکان جرائم و شیوه‌های مسئولیت پایگاه دانش پیروی می‌کند که هر یک استناد و برچسب اعتبار "
    "دارد ([V] تأییدشده، [K] دانش عمومی، [U] تأییدنشده). رکنی تأییدشده است که دست‌کم دو منبع مستقل آن را "
    "پشتیبانی کنند؛ مواردی که شاهد، منبع یا سند اصلی مشترک دارند یک منبع به شمار می‌آیند.",
    "تحلیل مراجع صالح قواعد صلاحیت ثبت‌شده را بر واقعیت‌های ثبت‌شده دربارهٔ هر متهم در تاریخ نشان‌داده‌شده "
    "به کار می‌بندد؛ واقعیتی که در پرونده ثبت نشده باز می‌ماند و هرگز فرض نمی‌شود.",
)
LIMITS_EN = (
    "This case file shows only what its recipient may see: values above the recipient's clearance, "
    "witnesses' "
    "protected identities and every testimony whose witness has not consented to this use and recipient are "
    "left out, with everything that rests on them. What was left out is listed by kind and reason at "
    "the end of "
    "the summary, never by content.",
    "Names, dates and places are as the sources recorded them; spellings differ between lists and calendars. "
    "Solar Hijri dates are converted by the arithmetic calendar, exact for 1178–1633 SH.",
    "The legal analysis supports, and does not replace, the judgement of the recipient's own lawyers.",
)
LIMITS_FA = (
    "این پرونده تنها آنچه را گیرنده اجازهٔ دیدنش را دارد نشان می‌دهد: مقادیر بالاتر از سطح دسترسی گیرنده، "
    "هویت حفاظت‌شدهٔ شاهدان و هر شهادتی که شاهدش به این کاربرد و این گیرنده رضایت نداده، همراه با هرچه بر آن "
    "تکیه دارد، کنار گذاشته شده است. آنچه کنار گذاشته شده در پایان خلاصه بر پایهٔ نوع و دلیل، و نه "
    "محتوا، آمده است.",
    "نام‌ها، تاریخ‌ها و مکان‌ها همان‌گونه‌اند که منابع ثبت کرده‌اند؛ املای نام‌ها در فهرست‌ها و گاه‌شماری‌ها "
    "متفاوت است. تاریخ‌های خورشیدی با گاه‌شماری حسابی تبدیل شده‌اند که برای سال‌های ۱۱۷۸ تا ۱۶۳۳ دقیق است.",
    "تحلیل حقوقی پشتیبان داوری حقوق‌دانان گیرنده است و جای آن را نمی‌گیرد.",
)
#: the verification paragraphs hold markup (our own constants): commands and formulas stay
#: left-to-right inside Persian text only when isolated as code
VERIFY_EN = (
    "The evidence files, this case file and their custody records travel in a BagIt bag. From the bag's "
    "folder, run the command below: it checks every file against the "
    "bag's manifests, the signature on the checkpoint below, the inclusion proof of every custody event, and "
    "that this case file's own hashes were recorded in the signed log. Compare the public key with the one "
    'the sender published, or pass it with <code dir="ltr">--key</code>.',
    "Each exhibit's inclusion proof can also be checked by hand: hash the leaf as "
    '<code dir="ltr">SHA-256(0x00 ‖ leaf)</code>, combine it with the proof\'s hashes as RFC 9162 '
    "§2.1.3.2 describes, and compare the result with the root hash of the signed checkpoint.",
)
VERIFY_FA = (
    "پرونده‌های ادله، این پرونده و سوابق نگهداری آن‌ها در یک بستهٔ "
    '<span lang="en" dir="ltr">BagIt</span> می‌آیند. در پوشهٔ بسته فرمان زیر را اجرا کنید. '
    "این برنامه هر پرونده را با فهرست چکیده‌های بسته، امضای نقطهٔ بازرسی زیر، اثبات شمول هر رویداد "
    "نگهداری، و ثبت چکیده‌های خود این پرونده در دفتر امضاشده را می‌سنجد. کلید عمومی را با کلیدی که "
    'فرستنده منتشر کرده مقایسه کنید یا با <code dir="ltr">--key</code> بدهید.',
    # No formula here: parentheses beside left-to-right text inside Persian are mis-ordered by
    # WeasyPrint's bidi; the RFC section says how a leaf is hashed.
    "اثبات شمول هر سند را می‌توان با دست نیز آزمود: چکیدهٔ برگ را طبق بند ۲٫۱٫۳٫۲ از "
    '<span lang="en" dir="ltr">RFC 9162</span> بسازید و با چکیده‌های اثبات ترکیب کنید و '
    "نتیجه را با چکیدهٔ ریشهٔ نقطهٔ بازرسی امضاشده مقایسه کنید.",
)


def labels(lang: str) -> dict[str, str]:
    return FA if lang == "fa" else EN


def paragraphs(lang: str) -> dict[str, tuple[Markup, ...]]:
    """The fixed paragraphs; only the verification ones carry markup, the others are escaped text."""
    method, limits, verify = (
        (METHOD_FA, LIMITS_FA, VERIFY_FA) if lang == "fa" else (METHOD_EN, LIMITS_EN, VERIFY_EN)
    )
    tags = re.compile(r"(\[[VKU]\])")
    # [V], [K], [U] inside Persian text: isolated so that the brackets keep their order.
    tagged = [tags.sub(r'<span lang="en" dir="ltr">\1</span>', str(escape(p))) for p in method]
    return {
        "method": tuple(Markup(p) for p in tagged),  # noqa: S704 (escaped above; tags are ours)
        "limits": tuple(escape(p) for p in limits),
        "verify": tuple(Markup(p) for p in verify),  # noqa: S704 (our own constant text)
    }


__all__ = ["EN", "FA", "labels", "paragraphs"]
