"""Foreign names and brands frequent in the news, in their established Russian form.

Neither letter-by-letter transliteration («Trump» -> «трумп») nor English phonetics
(«Macron» -> «мэкрон») gives the form a Russian newsreader says; this table does. Keys are
lower case; a name written in Latin letters is looked up word by word.
"""

from __future__ import annotations

NAMES: dict[str, str] = {
    # people
    "trump": "трамп",  # Donald Trump
    "donald": "дональд",  # Donald Trump
    "biden": "байден",  # Joe Biden
    "joe": "джо",  # Joe Biden
    "macron": "макрон",  # Emmanuel Macron
    "emmanuel": "эммануэль",  # Emmanuel Macron
    "xi": "си",  # Xi Jinping
    "jinping": "цзиньпин",  # Xi Jinping
    "musk": "маск",  # Elon Musk
    "elon": "илон",  # Elon Musk
    "george": "джордж",  # George
    "michael": "майкл",  # Michael
    "james": "джеймс",  # James
    "charles": "чарльз",  # Charles
    "john": "джон",  # John
    "william": "уильям",  # William
    "david": "дэвид",  # David
    "peter": "питер",  # Peter
    "paul": "пол",  # Paul
    "mark": "марк",  # Mark
    "steve": "стив",  # Steve Jobs
    "jobs": "джобс",  # Steve Jobs
    "bill": "билл",  # Bill Gates
    "gates": "гейтс",  # Bill Gates
    "jeff": "джефф",  # Jeff Bezos
    "bezos": "безос",  # Jeff Bezos
    "zuckerberg": "цукерберг",  # Mark Zuckerberg
    "harris": "харрис",  # Kamala Harris
    "kamala": "камала",  # Kamala Harris
    "johnson": "джонсон",  # Johnson
    "smith": "смит",  # Smith
    # media and agencies
    "reuters": "рейтер",  # Reuters
    "bloomberg": "блумберг",  # Bloomberg
    "financial": "файненшл",  # Financial Times
    "times": "таймс",  # Financial Times
    "guardian": "гардиан",  # The Guardian
    "forbes": "форбс",  # Forbes
    "associated": "ассошиэйтед",  # Associated Press
    "press": "пресс",  # Associated Press
    "politico": "политико",  # Politico
    "euronews": "евроньюс",  # Euronews
    # companies and brands
    "huawei": "хуавэй",  # Huawei
    "xiaomi": "сяоми",  # Xiaomi
    "boeing": "боинг",  # Boeing
    "airbus": "эйрбас",  # Airbus
    "amazon": "амазон",  # Amazon
    "netflix": "нетфликс",  # Netflix
    "nvidia": "энвидиа",  # Nvidia
    "volkswagen": "фольксваген",  # Volkswagen
    "mercedes": "мерседес",  # Mercedes-Benz
    "benz": "бенц",  # Mercedes-Benz
    "hyundai": "хёндэ",  # Hyundai
    "toyota": "тойота",  # Toyota
    # Cars, met in every road-accident report, in the form Russian news uses
    "mitsubishi": "мицубиси",  # Mitsubishi
    "hilux": "хайлюкс",  # Toyota Hilux
    "renault": "рено",  # Renault
    "peugeot": "пежо",  # Peugeot
    "skoda": "шкода",  # Skoda
    "opel": "опель",  # Opel
    "haval": "хавейл",  # Haval
    "geely": "джили",  # Geely
    "bmw": "бэ эм вэ",  # BMW
    "rio": "рио",  # Kia Rio
    "accent": "акцент",  # Hyundai Accent
    "cruiser": "крузер",  # Land Cruiser
    "land": "ленд",  # Land Cruiser, Land Rover
    "gazelle": "газель",  # Gazelle
    "tucson": "туссан",  # Hyundai Tucson
    "sportage": "спортейдж",  # Kia Sportage
    "chevrolet": "шевроле",  # Chevrolet
    "chevron": "шеврон",  # Chevron
    "shell": "шелл",  # Shell
    "mcdonald's": "макдоналдс",  # McDonald's
    "coca": "кока",  # Coca-Cola
    "cola": "кола",  # Coca-Cola
    "wildberries": "вайлдберриз",  # Wildberries
    "visa": "виза",  # Visa
    "mastercard": "мастеркард",  # Mastercard
    "teams": "тимс",  # Microsoft Teams
    "zoom": "зум",  # Zoom
    "uber": "убер",  # Uber
    "air": "эйр",  # Air Astana
    "world": "ворлд",  # World Bank
    "jusan": "жусан",  # Jusan Bank (Kazakh: ж)
    "kazyna": "казына",  # Samruk-Kazyna
    "eurasia": "евразия",  # EurasiaPulse, Eurasia Group
    "ozon": "озон",  # OZON, Ozon
    "eurasian": "евразиан",  # Eurasian Resources Group
    "kazmunaygas": "казмунайгаз",  # KazMunayGas
    "freedom": "фридом",  # Freedom Finance
    "finance": "файненс",  # Freedom Finance
}
