"""Fictional companies and real-looking European addresses for the demo upstreams.

The companies are invented; their VAT numbers are checksum-valid (python-stdnum) so that the
desktop's offline format check accepts them. Like the real VIES, Spain discloses neither name
nor address ("---"), and one German entry does the same. Streets and coordinates are those of
real public places, rounded; the house numbers are made up.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class DemoCompany:
    country_code: str  # VIES code
    vat_number: str  # national part
    name: str  # "---" when the member state does not disclose it
    address: str
    rating: str  # credit bureau rating A (best) .. E
    limit: Decimal  # credit limit in EUR


def _c(cc: str, number: str, name: str, address: str, rating: str, limit: str) -> DemoCompany:
    return DemoCompany(cc, number, name, address, rating, Decimal(limit))


COMPANIES: tuple[DemoCompany, ...] = (
    _c("DE", "812453790", "Brandt & Söhne Maschinenbau GmbH",
       "Friedrichstraße 68\n10117 Berlin", "A", "250000"),
    _c("DE", "264188539", "Nordlicht Logistik GmbH",
       "Am Sandtorkai 37\n20457 Hamburg", "B", "120000"),
    _c("DE", "143776208", "Isar Bürotechnik GmbH",
       "Leopoldstraße 45\n80802 München", "B", "60000"),
    _c("DE", "309811249", "Rheinfeld Elektro AG",
       "Königsallee 22\n40212 Düsseldorf", "A", "400000"),
    _c("DE", "577230161", "Schwarzwald Präzision KG",
       "Kaiser-Joseph-Straße 210\n79098 Freiburg im Breisgau", "D", "8000"),
    _c("DE", "118254766", "---", "---", "C", "20000"),
    _c("FR", "64443061841", "SOCIETE LYONNAISE DE MOBILIER SAS",
       "12 RUE DE LA REPUBLIQUE\n69002 LYON", "B", "90000"),
    _c("FR", "03552081317", "ATELIERS DU LITTORAL SARL",
       "45 QUAI DES CHARTRONS\n33000 BORDEAUX", "C", "25000"),
    _c("FR", "93392837126", "NOVAPARIS CONSEIL SA",
       "8 RUE DE RIVOLI\n75004 PARIS", "A", "300000"),
    _c("IT", "04512390875", "ETNA SISTEMI SRL",
       "VIA ETNEA 120\n95124 CATANIA CT", "C", "30000"),
    _c("IT", "12688400154", "LOMBARDA FORNITURE SPA",
       "CORSO BUENOS AIRES 33\n20124 MILANO MI", "A", "200000"),
    _c("IT", "08733200649", "IRPINIA AGROALIMENTARE SRL",
       "CORSO VITTORIO EMANUELE 15\n83100 AVELLINO AV", "E", "0"),
    _c("IT", "02156780963", "TORINO MECCANICA SRL",
       "VIA ROMA 101\n10123 TORINO TO", "B", "75000"),
    _c("ES", "B86412491", "---", "---", "B", "50000"),
    _c("ES", "B65832149", "---", "---", "C", "15000"),
    _c("ES", "A28104651", "---", "---", "A", "500000"),
    _c("NL", "812345678B01", "Van der Berg Installatietechniek B.V.",
       "Keizersgracht 123\n1015CJ Amsterdam", "B", "80000"),
    _c("NL", "853902148B01", "Delftse Verpakkingen B.V.",
       "Oude Delft 95\n2611BD Delft", "C", "20000"),
    _c("BE", "0453827069", "NV Schelde Havendiensten",
       "Meir 24\n2000 Antwerpen", "A", "150000"),
    _c("BE", "0876123004", "SRL Atelier Mosan",
       "Place Saint-Lambert 18\n4000 Liège", "D", "5000"),
    _c("AT", "U36417515", "Donau Handels GmbH",
       "Mariahilfer Straße 88\n1070 Wien", "B", "70000"),
    _c("AT", "U57321909", "Alpenblick Tourismus GmbH",
       "Maria-Theresien-Straße 18\n6020 Innsbruck", "C", "18000"),
    _c("PL", "5261234509", "WISŁA TECHNIKA SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ",
       "UL. MARSZAŁKOWSKA 84\n00-514 WARSZAWA", "B", "40000"),
    _c("PL", "7791234607", "POZNAŃSKIE MEBLE SPÓŁKA AKCYJNA",
       "UL. PÓŁWIEJSKA 42\n61-888 POZNAŃ", "C", "22000"),
    _c("EL", "094259216", "ΑΙΓΑΙΟΝ ΕΜΠΟΡΙΚΗ ΑΝΩΝΥΜΗ ΕΤΑΙΡΕΙΑ",
       "ΕΡΜΟΥ 25\n10563 - ΑΘΗΝΑ", "B", "45000"),
    _c("EL", "801723459", "ΘΕΣΣΑΛΙΚΗ ΤΡΟΦΙΜΩΝ Ο.Ε.",
       "ΤΣΙΜΙΣΚΗ 43\n54623 - ΘΕΣΣΑΛΟΝΙΚΗ", "C", "12000"),
    _c("PT", "508123402", "PADARIA DO DOURO LDA",
       "RUA DE SANTA CATARINA 112\n4000-447 PORTO", "C", "10000"),
    _c("PT", "512345678", "LISBOA DIGITAL UNIPESSOAL LDA",
       "AVENIDA DA LIBERDADE 190\n1250-147 LISBOA", "B", "35000"),
    _c("IE", "6384560N", "LIFFEY SOFTWARE LIMITED",
       "14 GRAFTON STREET, DUBLIN 2", "A", "180000"),
    _c("IE", "3251710L", "CORRIB CRAFT BREWING LIMITED",
       "5 QUAY STREET, GALWAY", "C", "15000"),
    _c("SE", "556432171801", "Vättern Industri AB",
       "Drottninggatan 52\n111 21 STOCKHOLM", "A", "220000"),
    _c("SE", "556098421201", "Göta Kanal Logistik AB",
       "Kungsportsavenyen 10\n411 36 GÖTEBORG", "B", "65000"),
    _c("DK", "31245672", "Øresund Design ApS",
       "Amagertorv 18\n1160 København K", "B", "55000"),
    _c("FI", "15728600", "Saimaa Ohjelmistot Oy",
       "Mannerheimintie 12\n00100 HELSINKI", "A", "140000"),
    _c("CZ", "26145898", "Vltava Strojírny s.r.o.",
       "Václavské náměstí 21\n110 00 Praha 1", "C", "28000"),
    _c("LU", "15027442", "Moselle Fiduciaire S.à r.l.",
       "12 Avenue de la Liberté\nL-1930 Luxembourg", "A", "260000"),
)  # fmt: skip

COMPANIES_BY_VAT: dict[tuple[str, str], DemoCompany] = {
    (c.country_code, c.vat_number): c for c in COMPANIES
}


@dataclass(frozen=True)
class DemoPlace:
    country_code: str  # ISO, lower case as Nominatim writes it
    road: str
    house_number: str
    postcode: str
    city: str
    suburb: str | None
    country: str  # in the local language, as OpenStreetMap names it
    lat: str
    lon: str
    aliases: tuple[str, ...] = ()  # other spellings people type (exonyms, transliterations)


def _p(cc: str, road: str, number: str, postcode: str, city: str, suburb: str | None,
       country: str, lat: str, lon: str, *aliases: str) -> DemoPlace:  # fmt: skip
    return DemoPlace(cc, road, number, postcode, city, suburb, country, lat, lon, aliases)


PLACES: tuple[DemoPlace, ...] = (
    _p("de", "Friedrichstraße", "68", "10117", "Berlin", "Mitte", "Deutschland",
       "52.5112", "13.3892"),
    _p("de", "Am Sandtorkai", "37", "20457", "Hamburg", "HafenCity", "Deutschland",
       "53.5441", "9.9891"),
    _p("de", "Leopoldstraße", "45", "80802", "München", "Schwabing", "Deutschland",
       "48.1597", "11.5853", "Munich"),
    _p("de", "Königsallee", "22", "40212", "Düsseldorf", "Stadtmitte", "Deutschland",
       "51.2247", "6.7797", "Kö"),
    _p("de", "Kaiser-Joseph-Straße", "210", "79098", "Freiburg im Breisgau", "Altstadt",
       "Deutschland", "47.9946", "7.8499"),
    _p("de", "Marienplatz", "8", "80331", "München", "Altstadt", "Deutschland",
       "48.1374", "11.5755", "Munich"),
    _p("de", "Zeil", "106", "60313", "Frankfurt am Main", "Innenstadt", "Deutschland",
       "50.1145", "8.6850", "Frankfurt"),
    _p("fr", "Rue de la République", "12", "69002", "Lyon", "2e Arrondissement", "France",
       "45.7640", "4.8357"),
    _p("fr", "Quai des Chartrons", "45", "33000", "Bordeaux", "Chartrons", "France",
       "44.8520", "-0.5700"),
    _p("fr", "Rue de Rivoli", "8", "75004", "Paris", "Le Marais", "France",
       "48.8556", "2.3590"),
    _p("it", "Via Etnea", "120", "95124", "Catania", None, "Italia", "37.5092", "15.0860"),
    _p("it", "Corso Buenos Aires", "33", "20124", "Milano", "Municipio 3", "Italia",
       "45.4794", "9.2110", "Milan"),
    _p("it", "Corso Vittorio Emanuele", "15", "83100", "Avellino", None, "Italia",
       "40.9146", "14.7906"),
    _p("it", "Via Roma", "101", "10123", "Torino", "Centro", "Italia",
       "45.0677", "7.6825", "Turin"),
    _p("it", "Piazza di Spagna", "31", "00187", "Roma", "Campo Marzio", "Italia",
       "41.9057", "12.4823", "Rome"),
    _p("es", "Calle de Alcalá", "45", "28014", "Madrid", "Centro", "España",
       "40.4188", "-3.6969"),
    _p("es", "Passeig de Gràcia", "92", "08008", "Barcelona", "Eixample", "España",
       "41.3953", "2.1617", "Paseo de Gracia"),
    _p("es", "Carrer de Colón", "20", "46004", "València", "Ciutat Vella", "España",
       "39.4700", "-0.3720", "Valencia", "Calle Colón"),
    _p("nl", "Keizersgracht", "123", "1015 CJ", "Amsterdam", "Centrum", "Nederland",
       "52.3766", "4.8870"),
    _p("nl", "Oude Delft", "95", "2611 BD", "Delft", "Binnenstad", "Nederland",
       "52.0125", "4.3560"),
    _p("be", "Meir", "24", "2000", "Antwerpen", None, "België / Belgique / Belgien",
       "51.2184", "4.4078", "Antwerp", "Anvers"),
    _p("be", "Place Saint-Lambert", "18", "4000", "Liège", None,
       "België / Belgique / Belgien", "50.6453", "5.5733", "Luik", "Liege"),
    _p("be", "Rue Neuve", "50", "1000", "Bruxelles - Brussel", None,
       "België / Belgique / Belgien", "50.8530", "4.3560", "Brussels", "Nieuwstraat"),
    _p("at", "Mariahilfer Straße", "88", "1070", "Wien", "Neubau", "Österreich",
       "48.1968", "16.3468", "Vienna"),
    _p("at", "Maria-Theresien-Straße", "18", "6020", "Innsbruck", None, "Österreich",
       "47.2654", "11.3947"),
    _p("at", "Getreidegasse", "9", "5020", "Salzburg", "Altstadt", "Österreich",
       "47.8000", "13.0430"),
    _p("pl", "Marszałkowska", "84", "00-514", "Warszawa", "Śródmieście", "Polska",
       "52.2260", "21.0140", "Warsaw"),
    _p("pl", "Półwiejska", "42", "61-888", "Poznań", "Stare Miasto", "Polska",
       "52.4026", "16.9247"),
    _p("gr", "Ερμού", "25", "105 63", "Αθήνα", "Σύνταγμα", "Ελλάς",
       "37.9760", "23.7310", "Ermou", "Athens", "Athina"),
    _p("gr", "Τσιμισκή", "43", "546 23", "Θεσσαλονίκη", None, "Ελλάς",
       "40.6317", "22.9440", "Tsimiski", "Thessaloniki"),
    _p("pt", "Rua de Santa Catarina", "112", "4000-447", "Porto", "Bonfim", "Portugal",
       "41.1475", "-8.6060"),
    _p("pt", "Avenida da Liberdade", "190", "1250-147", "Lisboa", "Santo António",
       "Portugal", "38.7200", "-9.1460", "Lisbon"),
    _p("ie", "Grafton Street", "14", "D02 VF65", "Dublin", "Dublin 2", "Éire / Ireland",
       "53.3418", "-6.2602"),
    _p("ie", "Quay Street", "5", "H91 C8KT", "Galway", None, "Éire / Ireland",
       "53.2707", "-9.0545"),
    _p("se", "Drottninggatan", "52", "111 21", "Stockholm", "Norrmalm", "Sverige",
       "59.3325", "18.0630"),
    _p("se", "Kungsportsavenyen", "10", "411 36", "Göteborg", "Lorensberg", "Sverige",
       "57.7016", "11.9720", "Gothenburg", "Avenyn"),
    _p("dk", "Amagertorv", "18", "1160", "København", "Indre By", "Danmark",
       "55.6786", "12.5790", "Copenhagen"),
    _p("dk", "Nyhavn", "17", "1051", "København", "Indre By", "Danmark",
       "55.6798", "12.5910", "Copenhagen"),
    _p("fi", "Mannerheimintie", "12", "00100", "Helsinki", "Kluuvi", "Suomi / Finland",
       "60.1690", "24.9380", "Mannerheimvägen", "Helsingfors"),
    _p("cz", "Václavské náměstí", "21", "110 00", "Praha", "Nové Město", "Česko",
       "50.0815", "14.4265", "Prague", "Wenceslas Square"),
    _p("lu", "Avenue de la Liberté", "12", "1930", "Luxembourg", "Gare", "Lëtzebuerg",
       "49.6050", "6.1290", "Lëtzebuerg"),
)  # fmt: skip
