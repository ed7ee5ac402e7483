"""What witnesses say: paired English and Persian segment templates.

Each template is a pair ``(English, Persian)`` with the same named slots. Slot values come in both
languages (``{victim}`` is a Latin spelling in English and Persian script in Persian; ``{date}`` is
Gregorian in English and Solar Hijri with Persian digits in Persian). Persian has no gendered
pronouns; English slots ``{he}``, ``{his}``, ``{He}``, ``{child}`` follow the victim's gender.
"""

from __future__ import annotations

Pair = tuple[str, str]

SURVIVOR_ARREST: Pair = (
    "I was arrested in {arrest} in {home} as a supporter of the {org}. After months of "
    "interrogation I was sentenced to {years} years, and in {transfer} I was transferred to "
    "{prison}.",
    "من در {arrest} در {home} به اتهام هواداری از {org} دستگیر شدم. پس از ماه‌ها بازجویی به "
    "{years} سال زندان محکوم شدم و در {transfer} به {prison} منتقل شدم.",
)
SURVIVOR_TORTURE: Pair = (
    "During my interrogation at {prison} I was flogged on the soles of my feet and kept "
    "blindfolded for weeks.",
    "در دوران بازجویی در {prison} کف پاهایم را شلاق زدند و هفته‌ها چشم‌بند به چشم داشتم.",
)
SURVIVOR_VISITS: Pair = (
    "In the summer of 1988 I was held in ward {ward} of {prison}. On {date} family visits were "
    "stopped without explanation, and the television and the newspapers were taken out of the "
    "ward.",
    "در تابستان ۱۳۶۷ در بند {ward} {prison} بودم. روز {date} ملاقات‌ها بدون هیچ توضیحی قطع شد و "
    "تلویزیون و روزنامه‌ها را از بند بردند.",
)
SURVIVOR_COMMISSION: Pair = (
    "From {date} the guards came with lists and called prisoners out by name. We were taken "
    "blindfolded before a commission. Under my blindfold I recognised {official1}, whom I knew "
    "from my trial; the others addressed one of the men as {official2}. They asked only whether I "
    "still supported my organisation and whether I prayed.",
    "از {date} نگهبان‌ها با فهرست می‌آمدند و زندانیان را با نام صدا می‌کردند. ما را با چشم‌بند "
    "نزد هیئتی بردند. از زیر چشم‌بند {official1} را که از دادگاهم می‌شناختم دیدم؛ دیگران یکی از "
    "آن مردها را {official2} صدا می‌کردند. فقط می‌پرسیدند آیا هنوز هوادار سازمانت هستی و آیا "
    "نماز می‌خوانی.",
)
SURVIVOR_CELLMATE: Pair = (
    "My cellmate {victim}, {child} of {father}, was called out on {date}. {He} was taken to the "
    "corridor and never came back; {his} belongings stayed in our cell.",
    "هم‌بندی‌ام {victim}، فرزند {father}، روز {date} صدا زده شد. او را به راهرو بردند و دیگر "
    "برنگشت؛ وسایلش در سلول ماند.",
)
SURVIVOR_CELLMATE_NO_FATHER: Pair = (
    "My cellmate {victim} was called out on {date}. {He} was taken to the corridor and never "
    "came back; {his} belongings stayed in our cell.",
    "هم‌بندی‌ام {victim} روز {date} صدا زده شد. او را به راهرو بردند و دیگر برنگشت؛ وسایلش در سلول ماند.",
)
SURVIVOR_SUSPECT: Pair = (
    "{suspect}, the assistant to the deputy prosecutor, stood in the corridor with the list in "
    "his hand. He read out the names, lined us up and led the prisoners the commission had "
    "condemned towards the amphitheatre. I saw him do this on {date}, when he took {victim} "
    "away, and on several days after.",
    "{suspect}، دستیار دادیار زندان، با فهرست در دست در راهرو می‌ایستاد. نام‌ها را می‌خواند، ما "
    "را به صف می‌کرد و زندانیانی را که هیئت محکوم کرده بود به سمت آمفی‌تئاتر می‌برد. این کار را "
    "روز {date} دیدم، همان روزی که {victim} را برد، و چند روز پس از آن هم دیدم.",
)
SURVIVOR_DIRECTOR: Pair = (
    "The prison director, {director}, came to the ward himself and supervised the transfer of "
    "the condemned prisoners to the {site}.",
    "رئیس زندان، {director}، خودش به بند آمد و بر انتقال زندانیان محکوم به {site} نظارت کرد.",
)
SURVIVOR_TRUCKS: Pair = (
    "On the night of {date} we heard trucks in the yard. The next morning a guard told us that "
    "{count} prisoners from ward {ward} had been 'finished'.",
    "شب {date} صدای کامیون‌ها را در حیاط شنیدیم. صبح روز بعد یکی از نگهبان‌ها گفت {count} نفر "
    "از بند {ward} را «تمام کرده‌اند».",
)
SURVIVOR_RELEASE: Pair = (
    "I was released in {date} and left Amarestan in {year}.",
    "در {date} آزاد شدم و در سال {year} از آمارستان خارج شدم.",
)

RELATIVE_INTRO: Pair = (
    "I am the {relation} of {victim}, {child} of {father}. {He} was arrested in {arrest} and "
    "held in {prison}.",
    "من {relation} {victim}، فرزند {father}، هستم. او در {arrest} دستگیر شد و در {prison} زندانی بود.",
)
RELATIVE_VISITS: Pair = (
    "Our last visit was on {date}. After that the visits were stopped, and every time we went to "
    "the prison gate we were sent away.",
    "آخرین ملاقات ما {date} بود. پس از آن ملاقات‌ها قطع شد و هر بار که به در زندان می‌رفتیم ما "
    "را برمی‌گرداندند.",
)
RELATIVE_NOTICE_DATED: Pair = (
    "In {notice} my father was summoned to the {prosecutor} and handed a bag with {given}'s "
    "clothes. An official told him that {he} had been executed on {date} and that we must not "
    "hold a funeral.",
    "در {notice} پدرم را به {prosecutor} احضار کردند و ساکی با لباس‌های {given} به او دادند. یکی "
    "از مأموران گفت که او روز {date} اعدام شده است و حق برگزاری مراسم نداریم.",
)
RELATIVE_NOTICE_UNDATED: Pair = (
    "In {notice} my father was summoned to the {prosecutor} and handed a bag with {given}'s "
    "clothes. An official told him not to hold a funeral. We were never told the date of "
    "{his} death.",
    "در {notice} پدرم را به {prosecutor} احضار کردند و ساکی با لباس‌های {given} به او دادند. یکی "
    "از مأموران گفت حق برگزاری مراسم ندارید. هیچ‌وقت تاریخ مرگ را به ما نگفتند.",
)
RELATIVE_GRAVE: Pair = (
    "Other families told us that many of the dead were buried at night at the {grave}. To this "
    "day nobody has told us where {he} lies.",
    "خانواده‌های دیگر به ما گفتند که بسیاری از کشته‌شدگان را شبانه در {grave} دفن کرده‌اند. تا "
    "امروز کسی به ما نگفته است که او کجا به خاک سپرده شده است.",
)
RELATIVE_HARASSMENT: Pair = (
    "When we gathered at the {grave} on the anniversary in {year}, agents of the Ministry of "
    "Security photographed us, and my mother was detained for two days.",
    "وقتی در سالگرد، در سال {year}، در {grave} جمع شدیم، مأموران وزارت امنیت از ما عکس گرفتند و "
    "مادرم دو روز بازداشت شد.",
)
RELATIVE_NEIGHBOUR: Pair = (
    "{victim}, the {child} of our neighbours, was also executed in {prison} that summer.",
    "{victim}، {child} همسایه‌مان، هم در همان تابستان در {prison} اعدام شد.",
)

GUARD_SERVICE: Pair = (
    "I served as a {post} at {prison} from {start} to {end}.",
    "من از سال {start} تا {end} {post} {prison} بودم.",
)
GUARD_ORDER: Pair = (
    "At the end of July 1988 the director, {director}, gathered the staff and told us that, by "
    "order of the {commission}, the files of the prisoners who remained 'steadfast' were to be "
    "closed.",
    "اوایل مرداد ۱۳۶۷ رئیس زندان، {director}، کارکنان را جمع کرد و گفت به دستور {commission} "
    "پرونده زندانیانی که «سر موضع» مانده‌اند باید بسته شود.",
)
GUARD_SIGNING: Pair = (
    "Every afternoon the commission sent sheets of names to the prison office. I saw {official} sign them.",
    "هر روز بعدازظهر هیئت برگه‌هایی با نام زندانیان به دفتر زندان می‌فرستاد. خودم دیدم که "
    "{official} آنها را امضا می‌کرد.",
)
GUARD_SUSPECT: Pair = (
    "{suspect} came to the ward office every morning with the day's list. He was the one who took "
    "the prisoners from the commission room to the amphitheatre, and he stayed there until the "
    "executions were over. He had worked in the prosecutor's office at the prison since {year}.",
    "{suspect} هر روز صبح با فهرست آن روز به دفتر بند می‌آمد. او بود که زندانیان را از اتاق هیئت "
    "به آمفی‌تئاتر می‌برد و تا پایان اعدام‌ها همان‌جا می‌ماند. او از سال {year} در دفتر دادستانی "
    "زندان کار می‌کرد.",
)
GUARD_TRUCKS: Pair = (
    "At night the bodies were loaded onto refrigerated trucks and driven towards the {grave}.",
    "شب‌ها جسدها را در کامیون‌های یخچال‌دار می‌گذاشتند و به سمت {grave} می‌بردند.",
)
GUARD_VICTIM: Pair = (
    "I remember one prisoner, {victim}, who asked me to give {his} watch to {his} mother. {He} "
    "was executed on {date}.",
    "یکی از زندانیان، {victim}، را به یاد دارم که از من خواست ساعتش را به مادرش برسانم. او روز "
    "{date} اعدام شد.",
)

WORKER_SERVICE: Pair = (
    "I worked at the {cemetery} from {start} to {end}.",
    "من از سال {start} تا {end} در {cemetery} کار می‌کردم.",
)
WORKER_TRENCHES: Pair = (
    "In {month} we were ordered to dig long trenches at the {grave} at night. Trucks came from "
    "{prison} after midnight.",
    "در {month} به ما دستور دادند شبانه در {grave} گودال‌های دراز بکنیم. کامیون‌ها پس از نیمه‌شب "
    "از {prison} می‌آمدند.",
)
WORKER_NAMES: Pair = (
    "The bodies were still in prison clothes; some had names written on their arms, among them {victim}.",
    "جسدها هنوز لباس زندان به تن داشتند؛ روی بازوی بعضی‌ها نام نوشته شده بود، از جمله {victim}.",
)
WORKER_THREAT: Pair = (
    "Agents of the Ministry of Security watched us and said that anyone who talked would join the dead.",
    "مأموران وزارت امنیت مراقب ما بودند و گفتند هر کس حرفی بزند به مرده‌ها خواهد پیوست.",
)

RELATIONS = {
    # key: (en, fa, shares the victim's surname)
    "brother": ("brother", "برادر", True),
    "sister": ("sister", "خواهر", True),
    "son": ("son", "پسر", True),
    "daughter": ("daughter", "دختر", True),
    "spouse": ("spouse", "همسر", False),
    "nephew": ("nephew", "برادرزاده", True),
    "niece": ("niece", "برادرزاده", True),
}
RELATIONS_BY_GENDER = {
    "male": ("brother", "brother", "son", "nephew", "spouse"),
    "female": ("sister", "sister", "daughter", "niece", "spouse"),
}
POSTS = {
    "guard": ("guard", "نگهبان"),
    "clerk": ("clerk in the prison office", "کارمند دفتر"),
    "driver": ("driver", "راننده"),
}
