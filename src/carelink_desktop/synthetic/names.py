"""Name pools for fictional people of the many backgrounds found in UK care homes.

Each background carries given names for the older generation (residents, their spouses and
siblings) with the names they are often known by, given names for the younger generation
(children, grandchildren, staff), family names (with the feminine form where a language has
one), the language and faiths common in it and a few phrases about life and customs. The pools
are compact strings parsed once at import, so the module stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Sex = Literal["female", "male"]


@dataclass(frozen=True)
class GivenName:
    """A legal given name and the names its bearer may prefer ('Margaret' -> 'Peggy')."""

    name: str
    preferred: tuple[str, ...] = ()


@dataclass(frozen=True)
class FamilyName:
    """A family name in its masculine and feminine forms (the same in most languages)."""

    male: str
    female: str

    def for_sex(self, sex: Sex) -> str:
        return self.female if sex == "female" else self.male


@dataclass(frozen=True)
class Background:
    """One cultural background: names, language, faiths and a little life history."""

    key: str
    weight: int
    language: str
    english_first: float  # chance that an older person's first language is English
    interpreter: float  # chance that someone whose first language is not English needs one
    spouse_shares_name: bool
    older_female: tuple[GivenName, ...]
    older_male: tuple[GivenName, ...]
    younger_female: tuple[str, ...]
    younger_male: tuple[str, ...]
    family: tuple[FamilyName, ...]
    origins: tuple[str, ...]
    customs: tuple[str, ...]
    faiths: tuple[str, ...]
    female_middle: str = ""
    male_middle: str = ""
    preferred_is_last: bool = False  # Vietnamese: called by the last syllable of the given name


def _given(text: str) -> tuple[GivenName, ...]:
    """'Margaret=Peggy/Maggie; Joan': Margaret, preferring Peggy or Maggie; Joan."""
    out = []
    for item in text.split(";"):
        name, _, preferred = item.strip().partition("=")
        preferred_names = tuple(p.strip() for p in preferred.split("/") if p.strip())
        out.append(GivenName(name.strip(), preferred_names))
    return tuple(out)


def _family(text: str) -> tuple[FamilyName, ...]:
    """'Kowalski/Kowalska; Nowak': masculine/feminine forms, or one form for both."""
    out = []
    for item in text.split(";"):
        male, _, female = item.strip().partition("/")
        out.append(FamilyName(male.strip(), (female or male).strip()))
    return tuple(out)


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in text.split(";") if w.strip())


_CHRISTIAN = (
    "Church of England; would like the vicar's monthly Communion in the lounge.",
    "Methodist; loves singing the old hymns.",
    "Not religious; finds peace sitting in the garden.",
    "Roman Catholic; a parish volunteer brings Communion on Sundays.",
)

BACKGROUNDS: tuple[Background, ...] = (
    Background(
        "english",
        30,
        "English",
        1.0,
        0.0,
        True,
        _given(
            "Margaret=Peggy/Maggie; Elizabeth=Betty/Beth; Dorothy=Dot/Dolly; Patricia=Pat; Joan;"
            " Jean; Kathleen=Kath; Barbara=Babs; Irene; Doris; Mary=Molly; Sylvia; Brenda; Audrey;"
            " Winifred=Winnie; Evelyn=Evie; Florence=Flo; Mildred=Millie; Vera; Valerie=Val"
        ),
        _given(
            "William=Bill; Robert=Bob; Edward=Ted; Henry=Harry; James=Jim; Albert=Bert;"
            " Frederick=Fred; Arthur; Ronald=Ron; Kenneth=Ken; Dennis; Leonard=Len; Stanley=Stan;"
            " Walter=Wally; Raymond=Ray; Geoffrey=Geoff; Alfred=Alf; Norman; Cyril; Derek"
        ),
        _words("Susan; Julie; Karen; Tracey; Claire; Emma; Sarah; Chloe; Jessica; Lucy; Hannah; Amy"),
        _words("Andrew; David; Mark; Paul; Gary; Daniel; Jack; Thomas; Oliver; Stephen; Matthew; Lee"),
        _family(
            "Smith; Taylor; Brown; Wilson; Wright; Walker; Robinson; Thompson; Green; Hall;"
            " Wood; Harris; Clarke; Turner; Hill; Cooper; Marsh; Pickering; Ashworth; Holroyd;"
            " Fairbrother; Entwistle; Birtwistle; Ollerenshaw"
        ),
        _words(
            "Grew up in a terraced street near the docks; Born on a farm in the Fens;"
            " Grew up in a pit village in the North East;"
            " A Londoner born within the sound of Bow Bells;"
            " Evacuated to Somerset as a child during the war; Grew up above the family bakery"
        ),
        _words(
            "Loves a cup of tea with two sugars and a Rich Tea biscuit;"
            " Follows the cricket on the radio;"
            " Enjoys old musicals, especially anything with Julie Andrews;"
            " Was a keen ballroom dancer and still taps along to a waltz"
        ),
        _CHRISTIAN,
    ),
    Background(
        "welsh",
        8,
        "Welsh",
        0.55,
        0.0,
        True,
        _given(
            "Siân; Gwenllian=Gwen; Rhiannon; Ceinwen; Eirlys; Mairwen=Mair; Glenys; Morfudd;"
            " Blodwen=Blod; Elen; Myfanwy=Myfi; Nia"
        ),
        _given(
            "Llŷr; Dafydd=Dai/Dafy; Gwilym=Gwil; Emrys; Iolo; Gruffudd=Gruff; Hywel; Tudur;"
            " Meirion; Siôn; Aled; Islwyn"
        ),
        _words("Ffion; Carys; Sioned; Angharad; Llinos; Catrin; Elin; Manon"),
        _words("Rhys; Gethin; Owain; Dylan; Ioan; Rhodri; Tomos; Gwion"),
        _family(
            "Jones; Williams; Davies; Evans; Thomas; Roberts; Hughes; Lewis; Morgan; Griffiths;"
            " Pritchard; Llywelyn; Prys; Jenkins"
        ),
        _words(
            "Grew up on a hill farm above a chapel village in Ceredigion;"
            " From the Rhondda, where the family's father worked underground;"
            " Born in a slate-quarrying village in Gwynedd;"
            " Grew up by the sea in Pembrokeshire"
        ),
        _words(
            "Sang alto in the chapel choir for fifty years;"
            " Loves the Eisteddfod on the television;"
            " Enjoys Welsh cakes warm from the bakestone;"
            " Follows the rugby and still knows every anthem word"
        ),
        (
            "Chapel (Welsh Independents); hymns in Welsh mean a great deal.",
            "Church in Wales; likes the minister to read in Welsh.",
            *_CHRISTIAN[2:3],
        ),
    ),
    Background(
        "scottish",
        6,
        "Scottish Gaelic",
        0.85,
        0.0,
        True,
        _given(
            "Morag; Catriona=Cat; Elspeth=Elsie; Jessie; Ishbel; Agnes=Nessie; Ina; Isobel=Isa; Mhairi; Flora"
        ),
        _given(
            "Hamish; Alasdair=Ally; Iain; Murdo; Euan; Angus=Gus; Duncan; Lachlan=Lachie;"
            " Archibald=Archie; Ruaridh"
        ),
        _words("Fiona; Ailsa; Kirsty; Eilidh; Shona; Morven; Iona; Kirsteen"),
        _words("Callum; Ross; Craig; Fraser; Calum; Finlay; Gregor; Niall"),
        _family(
            "MacLeod; Campbell; Stewart; Robertson; MacDonald; Fraser; Murray; Sinclair; Ross;"
            " McIntyre; Ferguson; MacAskill; Buchanan"
        ),
        _words(
            "Grew up on a croft in the Western Isles, where Gaelic was spoken at home;"
            " From a tenement in Glasgow's East End; Born in a fishing town on the Moray coast"
        ),
        _words(
            "Loves a ceilidh and can still strip the willow;"
            " Enjoys porridge made with salt, never sugar; Follows the shinty results"
        ),
        (
            "Church of Scotland; would like a visit from the minister.",
            "Free Church; keeps the Sabbath quietly.",
            *_CHRISTIAN[2:4],
        ),
    ),
    Background(
        "irish",
        7,
        "Irish",
        0.95,
        0.0,
        True,
        _given(
            "Bridget=Bridie; Siobhán; Áine; Máire=Maura; Eileen; Nuala; Róisín; Fionnuala=Nuala;"
            " Teresa=Tess; Kathleen=Kay"
        ),
        _given("Seán; Pádraig=Paddy; Ciarán; Declan; Michael=Mick; Patrick=Pat; Eamonn; Liam; Dónal"),
        _words("Niamh; Aoife; Orla; Dervla; Clodagh; Gráinne; Sinéad; Caoimhe"),
        _words("Eoin; Conor; Cathal; Oisín; Darragh; Rónán; Fergal; Colm"),
        _family(
            "Murphy; Kelly; O'Sullivan; Walsh; Byrne; Ryan; O'Connor; Doyle; McCarthy;"
            " Ó Dónaill/Ní Dhónaill; O'Brien; Flanagan; Ó Briain/Ní Bhriain"
        ),
        _words(
            "Came over from County Mayo in 1958 to work in the hospitals;"
            " Grew up on a small farm in Connemara where Irish was spoken;"
            " Came from Cork to build the motorways"
        ),
        _words(
            "Loves céilí music and a good story; Enjoys the Gaelic football on a Sunday;"
            " Likes a drop of Guinness on St Patrick's Day"
        ),
        (
            "Roman Catholic; would like to say the Rosary and receive Communion on Sundays.",
            "Roman Catholic; keeps a Miraculous Medal by the bed.",
            *_CHRISTIAN[2:3],
        ),
    ),
    Background(
        "polish",
        5,
        "Polish",
        0.2,
        0.5,
        True,
        _given(
            "Zofia=Zosia; Halina; Krystyna=Krysia; Jadwiga; Stanisława; Łucja; Małgorzata=Gosia;"
            " Danuta=Danka; Wanda; Bożena"
        ),
        _given(
            "Stanisław=Staszek; Tadeusz=Tadek; Zbigniew=Zbyszek; Józef=Józek; Władysław=Władek;"
            " Kazimierz=Kazik; Jerzy=Jurek; Andrzej"
        ),
        _words("Agnieszka; Katarzyna; Magdalena; Joanna; Ewa; Beata; Dorota; Marta"),
        _words("Łukasz; Tomasz; Paweł; Piotr; Marek; Krzysztof; Michał; Grzegorz"),
        _family(
            "Wójcik; Nowak; Kowalski/Kowalska; Wiśniewski/Wiśniewska; Lewandowski/Lewandowska;"
            " Zieliński/Zielińska; Kamiński/Kamińska; Mazur; Krawczyk; Dąbrowski/Dąbrowska;"
            " Woźniak"
        ),
        _words(
            "Came to Britain after the war with the Polish Resettlement Corps;"
            " Grew up in Kraków and joined family in Ealing in the 1960s;"
            " Born in a resettlement camp in Wiltshire"
        ),
        _words(
            "Loves pierogi and barszcz on Wigilia, Christmas Eve; Enjoys Chopin on the radio;"
            " Celebrates name day as much as birthday"
        ),
        (
            "Roman Catholic; the Polish parish priest visits monthly and Mass is in Polish.",
            "Roman Catholic; keeps a picture of Our Lady of Częstochowa by the bed.",
            *_CHRISTIAN[2:3],
        ),
    ),
    Background(
        "punjabi",
        5,
        "Punjabi",
        0.15,
        0.5,
        True,
        _given("Surinder; Harjit; Gurmeet; Jasbir; Balbir; Kuldip; Manjit; Paramjit; Amarjit; Jaswant"),
        _given("Gurdev; Harbans; Ajit; Jagtar; Mohan; Karnail; Darshan; Sohan; Gurbachan"),
        _words("Harpreet; Jaspreet; Simran; Manpreet; Navdeep; Rajvinder"),
        _words("Gurpreet; Amrit; Rajinder; Sukhvinder; Jaswinder; Harjinder"),
        _family("Gill; Sandhu; Dhillon; Sidhu; Bains; Grewal; Johal; Atwal; Sahota"),
        _words(
            "Came from a village near Jalandhar in 1962 to work in a foundry;"
            " Joined family in Southall after growing up in Punjab;"
            " Came from Kenya in 1968 with the family"
        ),
        _words(
            "Loves saag and makki di roti; Enjoys old Punjabi folk songs; Celebrates Vaisakhi with the family"
        ),
        (
            "Sikh; wears a kara and would like help to keep hair covered;"
            " the granthi visits from the gurdwara.",
            "Sikh; likes to listen to Gurbani kirtan in the morning.",
        ),
        female_middle="Kaur",
        male_middle="Singh",
    ),
    Background(
        "gujarati",
        4,
        "Gujarati",
        0.15,
        0.4,
        True,
        _given(
            "Kokila; Hansa=Hansaben; Jayshree; Manjula=Manjuben; Pushpa=Pushpaben; Lalita;"
            " Sarla; Kusum; Savita"
        ),
        _given("Ramesh=Rameshbhai; Dinesh; Jayant; Navin=Navinbhai; Pravin; Bhupendra; Vinod; Kantilal"),
        _words("Nisha; Priya; Rupal; Bhavna; Hetal; Komal"),
        _words("Hiren; Mehul; Ketan; Sunil; Nilesh; Kiran"),
        _family("Patel; Shah; Mistry; Parmar; Solanki; Chauhan; Desai; Joshi"),
        _words(
            "Came from Uganda in 1972 with two suitcases;"
            " Grew up in Gujarat and ran a corner shop in Leicester;"
            " Came from Nairobi to join family in Wembley"
        ),
        _words(
            "Vegetarian; loves dhokla and masala chai; Enjoys garba music at Navratri;"
            " Celebrates Diwali and lights a diya"
        ),
        (
            "Hindu; a small shrine in the room; strict vegetarian, no eggs.",
            "Jain; no root vegetables; prays in the morning.",
            "Hindu; likes bhajans at the mandir on festival days.",
        ),
    ),
    Background(
        "bengali",
        4,
        "Bengali (Sylheti)",
        0.05,
        0.6,
        False,
        _given("Rokeya; Amina; Shahida; Momtaz; Rahima; Jahanara; Feroza; Sufia; Anwara"),
        _given("Abdul; Shamsul; Nurul; Rafiq; Anwar; Abdur Rahman; Moinul; Siraj"),
        _words("Shamima; Rupa; Salma; Rumana; Shirin; Nazma"),
        _words("Shahid; Imran; Juned; Tanvir; Foysal; Rubel"),
        _family("Miah/Begum; Uddin/Khatun; Ahmed; Rahman; Ali; Hussain; Chowdhury; Islam"),
        _words(
            "Came from Sylhet in 1970 and worked in the garment trade in Whitechapel;"
            " Joined family in Tower Hamlets after growing up in a village near Sylhet;"
            " Ran a restaurant kitchen in Birmingham for thirty years"
        ),
        _words("Loves fish curry with rice; Enjoys Nazrul songs; Celebrates Eid with the whole family"),
        (
            "Muslim; prays five times a day when able; halal food only.",
            "Muslim; likes to listen to the Qur'an in the afternoon; halal food only.",
        ),
    ),
    Background(
        "pakistani",
        4,
        "Urdu",
        0.1,
        0.5,
        True,
        _given("Nasreen; Shamim; Parveen; Zubaida; Razia; Bushra; Khalida; Naseem"),
        _given("Mohammed Aslam=Aslam; Ghulam; Muhammad Iqbal=Iqbal; Tariq; Nazir; Bashir; Khalid; Sadiq"),
        _words("Ayesha; Sana; Farah; Nadia; Sadia; Hina"),
        _words("Adnan; Zahid; Kamran; Faisal; Usman; Bilal"),
        _family("Khan; Hussain; Iqbal; Akhtar; Mahmood; Shah; Qureshi; Butt; Rashid"),
        _words(
            "Came from Mirpur in 1965 to work in the textile mills;"
            " Grew up in Lahore and came to Bradford;"
            " Drove buses in Manchester after coming from Jhelum"
        ),
        _words(
            "Loves chicken karahi and sweet lassi; Enjoys ghazals and qawwali;"
            " Watches every Pakistan cricket match"
        ),
        (
            "Muslim; prays five times a day when able; halal food only.",
            "Muslim; reads the Qur'an daily and likes the imam to visit on Fridays.",
        ),
    ),
    Background(
        "caribbean",
        6,
        "Jamaican Patois",
        0.8,
        0.0,
        True,
        _given("Gloria; Hyacinth; Verona; Icilda; Beryl; Enid; Myrtle; Lurline; Merle; Cynthia"),
        _given("Winston; Cleveland; Lloyd; Delroy; Clinton; Errol; Neville; Aston; Vernon"),
        _words("Marcia; Sonia; Donna; Keisha; Paulette; Jacqueline"),
        _words("Marcus; Andre; Jermaine; Leon; Dwayne; Trevor"),
        _family("Campbell; Brown; Francis; Thompson; Grant; McKenzie; Bailey; Henry; Reid; Samuels"),
        _words(
            "Came from Jamaica in 1956 and worked as a nurse for forty years;"
            " Came from St Lucia, where Kwéyòl was spoken at home;"
            " Came from Trinidad to work on London Transport"
        ),
        _words(
            "Loves ackee and saltfish on a Saturday; Enjoys ska and gospel;"
            " Plays dominoes and slams down the winning tile"
        ),
        (
            "Pentecostal; the church choir visits and sings on Sunday afternoons.",
            "Seventh-day Adventist; keeps the Sabbath on Saturday.",
            *_CHRISTIAN[:1],
        ),
    ),
    Background(
        "yoruba",
        2,
        "Yoruba",
        0.4,
        0.05,
        True,
        _given("Fọláṣadé=Sade; Funmilayo=Funmi; Adenike=Nike; Abosede=Bose; Olufunke=Funke"),
        _given("Adébáyọ̀=Bayo; Babatunde=Tunde; Olúwọlé=Wole; Adekunle=Kunle; Oyewole"),
        _words("Tolu; Kehinde; Taiwo; Bukola; Yetunde; Damilola"),
        _words("Femi; Tobi; Kayode; Segun; Dapo; Gbenga"),
        _family("Adeyemi; Olawale; Balogun; Adébáyọ̀; Ogunleye; Akinola; Oyelaran; Adewumi"),
        _words(
            "Came from Lagos in 1975 to study and stayed to work as an accountant;"
            " Grew up in Ibadan and came to Peckham in the 1980s"
        ),
        _words("Loves jollof rice and fried plantain; Dresses in bright aso-ebi for family parties"),
        (
            "Anglican; goes to church with the family when well enough.",
            "Muslim; halal food only; prays when able.",
            "Pentecostal; likes the pastor to visit and pray.",
        ),
    ),
    Background(
        "igbo",
        1,
        "Igbo",
        0.5,
        0.05,
        True,
        _given("Ngozi; Chinwe; Nkechi; Uchenna; Adaobi=Ada"),
        _given("Chukwuemeka=Emeka; Obinna; Ikechukwu=Ike; Nnamdi; Chidi"),
        _words("Adaeze; Chiamaka; Ifeoma; Chioma; Nneka"),
        _words("Chidi; Nnamdi; Obiora; Kelechi; Tochukwu"),
        _family("Okafor; Okonkwo; Eze; Nwosu; Obi; Okeke; Nwachukwu"),
        _words(
            "Grew up in Enugu and came to London to train as a nurse;"
            " Came from Onitsha in 1970 and worked as an engineer"
        ),
        _words("Loves pepper soup and fufu; Enjoys highlife music"),
        (
            "Roman Catholic; likes the priest to bring Communion.",
            "Anglican; goes to church with the family when well enough.",
        ),
    ),
    Background(
        "ghanaian",
        1,
        "Twi",
        0.5,
        0.05,
        True,
        _given("Abena; Akosua; Efua; Ama; Adwoa"),
        _given("Kwame; Kofi; Kwabena; Yaw; Kwaku"),
        _words("Akua; Esi; Yaa; Afia; Adjoa"),
        _words("Kojo; Kwesi; Ekow; Kwadwo; Fiifi"),
        _family("Mensah; Asante; Boateng; Owusu; Osei; Appiah; Darko"),
        _words(
            "Came from Kumasi and worked as a midwife for thirty years;"
            " Came from Accra to study law and stayed"
        ),
        _words("Loves kelewele and light soup; Dresses in kente for special occasions"),
        (
            "Methodist; sings in the Ghanaian fellowship choir.",
            "Pentecostal; likes the pastor to visit and pray.",
        ),
    ),
    Background(
        "chinese",
        3,
        "Cantonese",
        0.05,
        0.6,
        False,
        _given("Mei Ling=May; Siu Fong; Wai Ying=Wendy; Lai Kuen; Suk Yee; Yuk Lan=Lily"),
        _given("Kwok Wah=Peter; Wing Keung; Chi Ming; Man Kit; Kam Tong=Tommy; Ying Kit"),
        _words("Jenny; Winnie; Ka Yan; Michelle; Mandy; Wing Sze"),
        _words("Kelvin; Wai Lun; Raymond; Stephen; Ka Ho; Jason"),
        _family("Chan; Wong; Lee; Cheung; Lau; Tang; Ng; Yip; Man; Cheng"),
        _words(
            "Came from the New Territories of Hong Kong in 1961 to work in restaurants;"
            " Ran a takeaway in a seaside town for forty years;"
            " Hakka-speaking, from a village near Sai Kung"
        ),
        _words(
            "Loves congee and dim sum on Sundays; Enjoys Cantonese opera on the radio;"
            " Celebrates Lunar New Year with red envelopes for the grandchildren"
        ),
        (
            "Buddhist; lights incense on the first and fifteenth of the lunar month.",
            "Christian; attends the Chinese church when able.",
            "No religion; honours ancestors at Ching Ming.",
        ),
    ),
    Background(
        "vietnamese",
        2,
        "Vietnamese",
        0.0,
        0.6,
        False,
        _given("Thị Hương; Thị Lan; Thị Mai; Thị Hồng; Thị Thu; Thị Nga"),
        _given("Văn Minh; Văn Hùng; Đức Anh; Văn Long; Quang Huy; Văn Thắng"),
        _words("Thanh Hà; Ngọc Anh; Linh; Thu Trang; Lily; Thuỳ"),
        _words("Minh Tuấn; Tuấn; Đức; Quốc Bảo; Kevin; Hải"),
        _family("Nguyễn; Trần; Lê; Phạm; Hoàng; Phan; Vũ; Đặng; Bùi; Đỗ"),
        _words(
            "Came to the UK in 1979 after months in a camp in Hong Kong;"
            " Left Hải Phòng by boat and was resettled in Birmingham;"
            " Grew up in Saigon and joined a brother in Hackney"
        ),
        _words(
            "Loves phở and fresh herbs; Celebrates Tết with bánh chưng from the family;"
            " Enjoys Vietnamese ballads on the tablet"
        ),
        (
            "Buddhist; likes to visit the pagoda at Tết.",
            "Roman Catholic; prays the Rosary in Vietnamese.",
            "Cao Đài; keeps a small altar.",
        ),
        preferred_is_last=True,
    ),
    Background(
        "turkish",
        3,
        "Turkish",
        0.1,
        0.5,
        True,
        _given("Ayşe; Fatma; Emine; Hatice; Gülsüm; Şükran; Nermin; Zeynep; Gülten"),
        _given("Mehmet; Hüseyin; Mustafa; İbrahim; Osman; Şevket; Ahmet; İsmail; Doğan"),
        _words("Elif; Gizem; Özlem; Çağla; Derya; Sevgi"),
        _words("Emre; Burak; Serkan; Deniz; Barış; Oğuz"),
        _family("Yılmaz; Kaya; Demir; Şahin; Çelik; Öztürk; Aydın; Arslan; Güneş; Erdem"),
        _words(
            "Came from Cyprus in 1964 and worked as a machinist in Dalston;"
            " Grew up near Adana and came to London in the 1980s; Ran a kebab shop in Haringey"
        ),
        _words(
            "Loves börek and strong Turkish coffee; Enjoys backgammon (tavla); Listens to Zeki Müren songs"
        ),
        (
            "Muslim; halal food only; likes to hear the Qur'an on Fridays.",
            "Alevi; enjoys saz music and cemevi visits.",
        ),
    ),
    Background(
        "greek_cypriot",
        3,
        "Greek",
        0.2,
        0.3,
        True,
        _given("Androulla; Eleni; Panayiota=Yiota; Chrystalla; Despina; Stavroulla; Maria; Georgia"),
        _given(
            "Andreas; Konstantinos=Costas; Georgios=George; Panayiotis=Panos; Christakis;"
            " Demetris; Michalis=Mike"
        ),
        _words("Stella; Christina; Andri; Elena; Katerina; Maria"),
        _words("Marios; Chris; Nikos; Stelios; Andy; Yiannis"),
        _family(
            "Georgiou; Christodoulou; Ioannou; Constantinou; Charalambous; Kyriacou; Demetriou;"
            " Nicolaou; Theodorou; Papadopoulos/Papadopoulou"
        ),
        _words(
            "Came from a village near Limassol in 1960 and worked in the rag trade;"
            " Left Famagusta in 1974 and settled in Palmers Green;"
            " Ran a fish and chip shop for forty years"
        ),
        _words(
            "Loves halloumi, olives and koupepia; Enjoys dancing at family weddings;"
            " Celebrates name day with koulourakia"
        ),
        (
            "Greek Orthodox; fasts before Easter; an icon by the bed.",
            "Greek Orthodox; the priest visits at Easter.",
        ),
    ),
    Background(
        "somali",
        2,
        "Somali",
        0.0,
        0.6,
        False,
        _given("Hodan; Faadumo; Khadra; Halimo; Sahra; Maryan; Ubah; Asha"),
        _given("Abdi; Mohamed; Hassan; Ahmed; Omar; Ismail; Yusuf; Abdullahi"),
        _words("Ayaan; Filsan; Hibo; Idil; Nimco; Sagal"),
        _words("Abdirahman; Mukhtar; Khalid; Liban; Guled; Mahad"),
        _family("Warsame; Farah; Jama; Hirsi; Egal; Samatar; Duale; Aden; Nur"),
        _words(
            "Was a merchant seaman who settled in Cardiff's Butetown in the 1950s;"
            " Came from Hargeisa in 1989; Came from Mogadishu in the 1990s to join a daughter"
        ),
        _words("Loves canjeero with sweet tea; Enjoys Somali poetry read aloud; Celebrates Eid with family"),
        ("Muslim; prays five times a day when able; halal food only.",),
    ),
    Background(
        "jewish",
        2,
        "Yiddish",
        0.9,
        0.0,
        True,
        _given("Ruth; Miriam; Esther=Essie; Sadie; Rivka=Rita; Hannah=Annie; Lily"),
        _given("Harold=Harry; Solomon=Solly; Morris=Morrie; Samuel=Sam; Bernard=Bernie; Isaac=Izzy"),
        _words("Rachel; Deborah; Naomi; Judith; Rebecca; Tamara"),
        _words("Daniel; Jonathan; Simon; Benjamin; Joshua; Adam"),
        _family("Cohen; Levy; Goldberg; Rosen; Abrahams; Silverman; Freedman; Kaplan"),
        _words(
            "Grew up in the East End, where the grandparents spoke Yiddish;"
            " Came to Britain on the Kindertransport as a child;"
            " Ran a tailoring business in Manchester"
        ),
        _words("Loves chicken soup and challah; Enjoys klezmer and the old music hall songs"),
        (
            "Jewish; keeps kosher; electric Shabbat candles on Friday evening.",
            "Jewish (Reform); the rabbi visits before the High Holy Days.",
        ),
    ),
)

BY_KEY: dict[str, Background] = {b.key: b for b in BACKGROUNDS}
WEIGHTS: tuple[int, ...] = tuple(b.weight for b in BACKGROUNDS)
