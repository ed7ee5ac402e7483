"""Persian name tokens for the fictional population, with a phonemic spelling for transliteration.

Each row is ``persian | phonemic | canonical Latin | other Latin spellings | other Persian
spellings | weight``. The phonemic spelling is what :mod:`dadkhah.demo.translit` renders into Latin
under several schemes. Its alphabet:

==========  ========================================  ==========  ==============================
symbol      sound (letter)                            symbol      sound (letter)
==========  ========================================  ==========  ==============================
a e o       short vowels (not written in Persian)     A           long a (ا آ)
u           long u (او)                               i           long i (ی)
E           final -eh (ـه)                            Y           diphthong ey (ـَی)
W           diphthong ow (ـَو)                        '           ain / hamza (ع ء ئ)
C           ch (چ)                                    S           sh (ش)
X           kh (خ)                                    Z           zh (ژ)
J           zh (ژ) usually written j                  q           q (ق), usually written gh
G           gh (غ)                                    :           doubles the consonant before it
==========  ========================================  ==========  ==============================

Other letters stand for themselves. Tokens are common Persian given names and surnames; they are
public-domain words, and any person built from them is invented (see ``blocklist``).
"""

from __future__ import annotations

from dataclasses import dataclass

# Persian letters that Arabic keyboards and code pages replace; the lexicon is always in the
# Persian forms, whatever was typed below.
_TO_PERSIAN = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
ZWNJ = "\u200c"
# Letters that do not join to the following letter: after them a suffix needs no ZWNJ.
NON_JOINING = set("اآدذرزژو")


@dataclass(frozen=True)
class Lexeme:
    fa: str
    phon: str
    canon: str
    alts: tuple[str, ...] = ()
    fa_alts: tuple[str, ...] = ()
    weight: float = 1.0


def _parse(table: str) -> tuple[Lexeme, ...]:
    out = []
    for raw in table.strip().splitlines():
        fa, phon, canon, alts, fa_alts, weight = (c.strip() for c in raw.split("|"))
        out.append(
            Lexeme(
                fa=fa.translate(_TO_PERSIAN),
                phon=phon,
                canon=canon,
                alts=tuple(a for a in alts.split(";") if a),
                fa_alts=tuple(a.translate(_TO_PERSIAN) for a in fa_alts.split(";") if a),
                weight=float(weight or 1),
            )
        )
    return tuple(out)


MALE = _parse("""
محمد|moham:ad|Mohammad|Mohamad;Muhammad;Mohammed||8
علی|'ali|Ali|||7
حسین|hos:Yn|Hossein|Hussein;Hosain||5
حسن|has:an|Hassan|Hasan||4
رضا|rezA|Reza|||3
مهدی|mehdi|Mehdi|Mahdi||3
محمود|mahmud|Mahmoud|Mahmood||3
مسعود|mas'ud|Masoud|Massoud||3
مجید|majid|Majid|Madjid||3
سعید|sa'id|Saeed|Saeid;Said||3
حمید|hamid|Hamid|||3
عباس|'ab:As|Abbas|||3
احمد|ahmad|Ahmad|Ahmed||3
جواد|javAd|Javad|Djavad||2
جعفر|ja'far|Jafar|Jaafar;Jaffar||2
اکبر|akbar|Akbar|||2
اصغر|asGar|Asghar|Asgar||2
مصطفی|mostafA|Mostafa|Moustafa||2
مرتضی|mortezA|Morteza|Murtaza||2
ناصر|nAser|Naser|Nasser||2
بهرام|bahrAm|Bahram|||2
بهروز|behruz|Behrouz|Behruz||2
فرهاد|farhAd|Farhad|||2
فریدون|ferYdun|Fereydoun|Fereidoon||1
کوروش|kuruS|Kourosh|Kurosh||1
سیامک|siAmak|Siamak|||1
پرویز|parviz|Parviz|Parwiz||2
هوشنگ|huSang|Houshang|Hushang||1
جمشید|jamSid|Jamshid|||1
منوچهر|manuCehr|Manouchehr|Manuchehr||1
داوود|dAvud|Davoud|Davood;Dawood|داود|2
یوسف|yusef|Yousef|Yusuf||2
ابراهیم|ebrAhim|Ebrahim|Ibrahim||2
اسماعیل|esmA'il|Esmaeil|Ismail;Esmail||2
کاظم|kAzem|Kazem|Kazim||2
کریم|karim|Karim|||2
رحیم|rahim|Rahim|||2
رسول|rasul|Rasoul|Rasul||2
صادق|sAdeq|Sadegh|Sadeq||2
قاسم|qAsem|Ghasem|Qasim||2
هاشم|hASem|Hashem|Hashim||1
تقی|taqi|Taghi|Taqi||1
جلال|jalAl|Jalal|||1
کمال|kamAl|Kamal|||1
بیژن|biJan|Bijan|Bizhan||2
کامران|kAmrAn|Kamran|||1
کیوان|kYvAn|Keyvan|Keivan||1
شهرام|SahrAm|Shahram|||2
خسرو|xosroW|Khosrow|Khosro||1
رستم|rostam|Rostam|Rustam||1
سهیل|sohYl|Soheil|Sohail||1
منصور|mansur|Mansour|Mansoor||2
نادر|nAder|Nader|||1
هادی|hAdi|Hadi|||1
وحید|vahid|Vahid|Wahid||1
امیر|amir|Amir|||2
ایرج|iraj|Iraj|||1
بابک|bAbak|Babak|||1
امید|omid|Omid|||1
فرزاد|farzAd|Farzad|||1
فرشید|farSid|Farshid|||1
کاوه|kAvE|Kaveh|Kaweh||1
آرش|AraS|Arash|||1
سیاوش|siAvaS|Siavash|Siavosh||1
داریوش|dAryuS|Dariush|Daryoush||1
نصرالله|nasrol:Ah|Nasrollah|Nasrullah|نصراله|1
حبیب‌الله|habibol:Ah|Habibollah|Habibullah|حبیب الله;حبیباله|1
اسدالله|asadol:Ah|Asadollah|Asadullah|اسداله|1
عبدالله|'abdol:Ah|Abdollah|Abdullah|عبد الله|1
ابوالفضل|abolfazl|Abolfazl|Abulfazl||1
ابوالقاسم|abolqAsem|Abolghasem|Abolqasem||1
""")

# Parts of compound given names that are not given on their own in this population.
COMPOUND_ONLY = _parse("""
باقر|bAqer|Bagher|Baqer||1
غلام|Golam|Gholam|Qolam;Ghulam||1
""")

# (first, second, canonical Persian spelling, weight). The Latin canonical form is joined:
# "Mohammadreza".
COMPOUNDS = (
    ("محمد", "رضا", "محمدرضا", 4),
    ("محمد", "علی", "محمدعلی", 2),
    ("محمد", "حسین", "محمدحسین", 2),
    ("محمد", "حسن", "محمدحسن", 1),
    ("محمد", "جواد", "محمدجواد", 1),
    ("محمد", "باقر", "محمدباقر", 1),
    ("محمد", "تقی", "محمدتقی", 1),
    ("محمد", "مهدی", "محمدمهدی", 1),
    ("محمد", "صادق", "محمدصادق", 1),
    ("علی", "رضا", "علیرضا", 3),
    ("علی", "اکبر", "علی\u200cاکبر", 2),
    ("علی", "اصغر", "علی\u200cاصغر", 1),
    ("غلام", "رضا", "غلامرضا", 2),
    ("غلام", "حسین", "غلامحسین", 2),
    ("غلام", "علی", "غلامعلی", 1),
)

FEMALE = _parse("""
فاطمه|fAtemE|Fatemeh|Fatima;Fateme||4
زهرا|zahrA|Zahra|||3
مریم|maryam|Maryam|Mariam||4
معصومه|ma'sumE|Masoumeh|Masoume;Massoumeh||2
زهره|zohrE|Zohreh|Zohre||2
شهلا|SahlA|Shahla|||2
مهین|mahin|Mahin|||1
پروین|parvin|Parvin|Parwin||2
سهیلا|sohYlA|Soheila|Sohaila||2
مینا|minA|Mina|||2
شیرین|Sirin|Shirin|||2
نسرین|nasrin|Nasrin|||2
رویا|royA|Roya|Roja||1
آذر|Azar|Azar|||1
منیره|monirE|Monireh|Monire||2
اشرف|aSraf|Ashraf|||2
فروغ|foruG|Forough|Forugh||1
فریبا|faribA|Fariba|||1
فریده|faridE|Farideh|Faride||2
مژگان|moJgAn|Mojgan|Mozhgan||1
میترا|mitrA|Mitra|||2
ناهید|nAhid|Nahid|||2
سیما|simA|Sima|||1
سودابه|sudAbE|Soudabeh|Sudabeh||1
طاهره|tAherE|Tahereh|Tahere||1
زینب|zYnab|Zeynab|Zeinab;Zainab||1
سکینه|sakinE|Sakineh|Sakina||1
لیلا|lYlA|Leila|Leyla;Laila||2
مرضیه|marziyE|Marzieh|Marziyeh||1
اکرم|akram|Akram|||1
عفت|'ef:at|Effat|Efat||1
سیمین|simin|Simin|||1
هما|homA|Homa|Huma||1
ژاله|JAlE|Jaleh|Zhaleh||1
منصوره|mansurE|Mansoureh|Mansureh||1
راضیه|rAziyE|Razieh|Raziyeh||1
""")

SURNAMES = _parse("""
حسینی|hos:Yni|Hosseini|Husseini;Hoseyni||5
موسوی|musavi|Mousavi|Moussavi;Musawi||4
رضایی|rezA'i|Rezaei|Rezaie;Rezaee|رضائی|4
احمدی|ahmadi|Ahmadi|||4
محمدی|moham:adi|Mohammadi|Mohamadi||4
کریمی|karimi|Karimi|||3
رحیمی|rahimi|Rahimi|||3
جعفری|ja'fari|Jafari|Jaafari||3
صادقی|sAdeqi|Sadeghi|Sadeqi||3
قاسمی|qAsemi|Ghasemi|Qasemi||3
هاشمی|hASemi|Hashemi|||3
امینی|amini|Amini|||2
کاظمی|kAzemi|Kazemi|||2
باقری|bAqeri|Bagheri|Baqeri||2
نظری|nazari|Nazari|||2
حیدری|hYdari|Heydari|Heidari;Haidari||2
مرادی|morAdi|Moradi|Muradi||2
ابراهیمی|ebrAhimi|Ebrahimi|Ibrahimi||2
سلطانی|soltAni|Soltani|Sultani||2
زمانی|zamAni|Zamani|||2
رستمی|rostami|Rostami|||2
قربانی|qorbAni|Ghorbani|Qorbani||2
کیانی|kiAni|Kiani|Kiyani||1
یزدانی|yazdAni|Yazdani|||1
فراهانی|farAhAni|Farahani|||1
رحمانی|rahmAni|Rahmani|||2
نجفی|najafi|Najafi|||2
صالحی|sAlehi|Salehi|||2
عباسی|'ab:Asi|Abbasi|||2
اکبری|akbari|Akbari|||2
میرزایی|mirzA'i|Mirzaei|Mirzaie|میرزائی|2
شریفی|Sarifi|Sharifi|||2
توکلی|tavak:oli|Tavakoli|Tavakkoli||1
زارعی|zAre'i|Zarei|Zareie||2
اسدی|asadi|Asadi|||2
بهرامی|bahrAmi|Bahrami|||1
جلالی|jalAli|Jalali|||1
کمالی|kamAli|Kamali|||1
خسروی|xosravi|Khosravi|||1
سهرابی|sohrAbi|Sohrabi|||1
نوری|nuri|Nouri|Noori||2
امیدی|omidi|Omidi|||1
یوسفی|yusefi|Yousefi|Yusefi||2
داوودی|dAvudi|Davoudi|Davoodi|داودی|1
غفاری|Gaf:Ari|Ghaffari|Ghafari||1
اسفندیاری|esfandiyAri|Esfandiari|||1
فرهادی|farhAdi|Farhadi|||1
بختیاری|baxtiyAri|Bakhtiari|Bakhtiyari||1
حقیقی|haqiqi|Haghighi|Haqiqi||1
خلیلی|xalili|Khalili|||1
رشیدی|raSidi|Rashidi|||1
وزیری|vaziri|Vaziri|||1
طباطبایی|tabAtabA'i|Tabatabaei|Tabatabai|طباطبائی|1
نیکنام|niknAm|Niknam|||1
دانشور|dAneSvar|Daneshvar|||1
گلستانی|golestAni|Golestani|||1
مختاری|moxtAri|Mokhtari|||1
پاکزاد|pAkzAd|Pakzad|||1
صفوی|safavi|Safavi|||1
شفیعی|Safi'i|Shafiei|Shafiee||1
علوی|'alavi|Alavi|||1
کرمانی|kermAni|Kermani|||1
صمدی|samadi|Samadi|||1
رنجبر|ranjbar|Ranjbar|||1
کشاورز|keSAvarz|Keshavarz|||1
آهنگر|Ahangar|Ahangar|||1
درویشی|darviSi|Darvishi|||1
فاضلی|fAzeli|Fazeli|||1
عسگری|'asgari|Asgari|Askari||1
عزیزی|'azizi|Azizi|||1
مهدوی|mahdavi|Mahdavi|||1
مقدم|moqad:am|Moghadam|Moghaddam;Moqaddam||1
شجاعی|SojA'i|Shojaei|Shojaie||1
یعقوبی|ya'qubi|Yaghoubi|Yaqubi||1
اسماعیلی|esmA'ili|Esmaeili|Ismaili;Esmaili||1
طاهری|tAheri|Taheri|||1
ملکی|maleki|Maleki|||1
رفیعی|rafi'i|Rafiei|Rafiee||1
منصوری|mansuri|Mansouri|Mansuri||1
نادری|nAderi|Naderi|||1
افشار|afSAr|Afshar|||1
بیگی|bYgi|Beigi|Beygi||1
پارسا|pArsA|Parsa|||1
کاویانی|kAviyAni|Kaviani|||1
سبحانی|sobhAni|Sobhani|||1
شاکری|SAkeri|Shakeri|||1
عطایی|'atA'i|Ataei|Ataie|عطائی|1
فتحی|fathi|Fathi|||1
قنبری|qanbari|Ghanbari|Qanbari||1
لطفی|lotfi|Lotfi|||1
نوروزی|noWruzi|Nowrouzi|Norouzi;Nowruzi||1
وکیلی|vakili|Vakili|||1
یگانه|yegAnE|Yeganeh|||1
آقایی|AqA'i|Aghaei|Aqai|آقائی|1
بابایی|bAbA'i|Babaei|Babaie|بابائی|1
جمالی|jamAli|Jamali|||1
چراغی|CerAqi|Cheraghi|Ceraqi||1
خدابنده|xodAbandE|Khodabandeh|||1
دهقان|dehqAn|Dehghan|Dehqan||1
رحمتی|rahmati|Rahmati|||1
زندی|zandi|Zandi|||1
شیخی|SYxi|Sheikhi|Sheykhi||1
صباغ|sab:Aq|Sabbagh|Sabagh||1
ضیایی|ziyA'i|Ziaei|Ziaie|ضیائی|1
عارفی|'Arefi|Arefi|||1
غلامی|Golami|Gholami|Qolami||1
فرجی|faraji|Faraji|||1
قادری|qAderi|Ghaderi|Qaderi||1
گودرزی|gudarzi|Goudarzi|Gudarzi||1
مومنی|mo'meni|Momeni|||1
واعظی|vA'ezi|Vaezi|||1
یاوری|yAvari|Yavari|||1
امامی|emAmi|Emami|||1
ترابی|torAbi|Torabi|||1
ثابتی|sAbeti|Sabeti|||1
جوادی|javAdi|Javadi|||1
حبیبی|habibi|Habibi|||1
خانی|xAni|Khani|||1
دلاوری|delAvari|Delavari|||1
ریاحی|riyAhi|Riahi|||1
سالاری|sAlAri|Salari|||1
شهابی|SahAbi|Shahabi|||1
صبوری|saburi|Sabouri|Saburi||1
طالبی|tAlebi|Talebi|||1
فلاحی|fal:Ahi|Fallahi|Falahi||1
قوامی|qavAmi|Ghavami|Qavami||1
گلزار|golzAr|Golzar|||1
نعمتی|ne'mati|Nemati|||1
هدایتی|hedAyati|Hedayati|||1
آزادی|AzAdi|Azadi|||1
اردلان|ardalAn|Ardalan|||1
برومند|barumand|Boroumand|Borumand||1
پیروی|pYravi|Peyravi|Peiravi||1
توانا|tavAnA|Tavana|||1
جهانگیری|jahAngiri|Jahangiri|||1
حمیدی|hamidi|Hamidi|||1
خرمی|xor:ami|Khorrami|Khorami||1
دادگر|dAdgar|Dadgar|||1
روشن|roSan|Roshan|||1
زرگر|zargar|Zargar|||1
سپهری|sepehri|Sepehri|||1
شاهرخی|SAhroxi|Shahrokhi|||1
صدری|sadri|Sadri|||1
عالمی|'Alemi|Alemi|||1
فرزانه|farzAnE|Farzaneh|||1
کامرانی|kAmrAni|Kamrani|||1
نصیری|nasiri|Nasiri|||1
وحیدی|vahidi|Vahidi|||1
""")

# Surname stems and suffixes combined as stem+suffix ("Hassanzadeh", "Alipour", "Rezanejad").
SURNAME_STEMS = _parse("""
حسن|has:an|Hassan|Hasan||3
علی|'ali|Ali|||3
حسین|hos:Yn|Hossein|||2
تقی|taqi|Taghi|Taqi||2
قلی|qoli|Gholi|Qoli||2
نقی|naqi|Naghi|Naqi||1
رضا|rezA|Reza|||2
محمد|moham:ad|Mohammad|||2
کریم|karim|Karim|||1
قربان|qorbAn|Ghorban|Qorban||1
اکبر|akbar|Akbar|||1
جعفر|ja'far|Jafar|||1
رحیم|rahim|Rahim|||1
یوسف|yusef|Yousef|||1
کاظم|kAzem|Kazem|||1
ناصر|nAser|Naser|||1
جلال|jalAl|Jalal|||1
امیر|amir|Amir|||1
بهرام|bahrAm|Bahram|||1
حمید|hamid|Hamid|||1
نیک|nik|Nik|||1
پاک|pAk|Pak|||1
مهر|mehr|Mehr|||1
صدر|sadr|Sadr|||1
میر|mir|Mir|||1
شیر|Sir|Shir|||1
""")

SURNAME_SUFFIXES = _parse("""
زاده|zAdE|zadeh|zade;zada||4
پور|pur|pour|poor;pur||3
نژاد|neJAd|nejad|nezhad;nejhad||2
نیا|niyA|nia|niya||2
راد|rAd|rad|||1
فر|far|far|||1
کیا|kiyA|kia|kiya||1
تبار|tabAr|tabar|||1
منش|maneS|manesh|||1
""")

# Surnames that often go with the Seyyed title (descent from the Prophet's family).
SEYYED_SURNAMES = {"Hosseini", "Mousavi", "Hashemi", "Tabatabaei", "Safavi", "Alavi"}

TITLES = {
    "male": Lexeme("سید", "sey:ed", "Seyyed", ("Seyed", "Sayyed", "Sayed", "Syed", "Seyyid")),
    "female": Lexeme("سیده", "sey:edE", "Seyyedeh", ("Seyedeh", "Sayyedeh", "Sayeda")),
}

BY_FA = {lx.fa: lx for group in (MALE, COMPOUND_ONLY, FEMALE) for lx in group}
