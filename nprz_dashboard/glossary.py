"""The terms the pages use, explained once at /begrippen/; pages link a term with {% term "slug" %}.

Each term has an anchor (its slug), the word as the pages write it, and a
plain-Dutch explanation. A template that links a slug not listed here fails
to render, so a link can never point at a missing entry.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    slug: str
    label: str
    text: str
    demo_only: bool = False  # listed only on a demo database (DemoState)


TERMS = [
    Term("bijstandsuitkering", "bijstandsuitkering",
         "Een lopende uitkering op grond van de Participatiewet. Een uitkering is per huishouden: een stel telt "
         "als één uitkering. Het bijstandsbestand is het aantal lopende uitkeringen aan het eind van een maand."),
    Term("stand", "stand",
         "Een aantal op één moment, aan het eind van de maand (zoals het bijstandsbestand). De stand van een "
         "kwartaal of jaar is die van de laatste maand, nooit een optelling of gemiddelde."),
    Term("stroom", "in- en uitstroom",
         "Aantallen per maand: nieuwe uitkeringen (instroom) en beëindigde uitkeringen (uitstroom). Voor een "
         "kwartaal of jaar worden de maanden opgeteld; ontbreekt er een maand, dan is er nog geen totaal."),
    Term("uitstroom-naar-werk", "uitstroom naar werk",
         "Uitkeringen die zijn beëindigd met als reden ‘werk’, geteld op de einddatum van de uitkering "
         "(Rotterdamse definitie). Het CBS telt anders: of iemand een maand na het einde van de uitkering werk heeft."),
    Term("doel", "doel (hoogstens)",
         "Een gepubliceerd doel voor het bijstandsbestand is een bovengrens aan het eind van een jaar: 12.750 eind "
         "2024, hoogstens 12.400 eind 2025 en 10.000 eind 2031 (brief van de wethouder, 2025). Doelen van "
         "activiteiten zijn ondergrenzen (minstens)."),
    Term("afgeleid-pad", "afgeleid pad",
         "Een rechte lijn tussen twee gepubliceerde doelen, of van de stand eind vorig jaar naar het jaardoel, die "
         "de monitor zelf berekent. Het laat zien waar de stand bij een gelijkmatige daling zou staan. Het is geen "
         "gepubliceerd doel en wordt nooit als doel getoond."),
    Term("tempo", "tempo",
         "De gemiddelde verandering per maand. Het behaalde tempo is het gemiddelde van de afgelopen 12 maanden; "
         "het nodige tempo is de afstand tot het doel gedeeld door de maanden tot de deadline."),
    Term("projectie", "projectie",
         "Het behaalde tempo doorgetrokken tot de deadline van een doel. Een projectie is geen prognose: ze laat "
         "alleen zien waar de stand uitkomt als het tempo gelijk blijft."),
    Term("prognose", "prognose",
         "Een voorspelling van de stand uit een statistisch model (exponentiële afvlakking met een gedempte trend) "
         "dat de eigen cijfers van de afgelopen jaren gebruikt. Anders dan een projectie zegt een prognose ook hoe "
         "onzeker ze is (zie voorspelinterval) en hoe groot de kans is dat een doel wordt gehaald. Het oordeel over "
         "een doel volgt de gepubliceerde regel, niet de prognose."),
    Term("voorspelinterval", "voorspelinterval",
         "De band rond een prognose waarin de stand met een gegeven kans valt: met 80% kans in het 80%-interval, met "
         "95% kans in het 95%-interval. Hoe verder vooruit, hoe breder de band. Hoe vaak de stand er vroeger "
         "werkelijk in viel, staat op de pagina over de prognose."),
    Term("seizoensgecorrigeerd", "seizoensgecorrigeerd",
         "De stand zonder het vaste patroon dat elk jaar terugkomt (bijvoorbeeld meer uitkeringen in januari). Zo is "
         "te zien of een daling of stijging meer is dan het seizoen. Berekend met STL, een gangbare methode die het "
         "seizoenspatroon uit de cijfers zelf schat; er zijn minstens twee jaar maandcijfers voor nodig."),
    Term("op-koers", "op koers, risico, niet op koers",
         "Het oordeel over een doel dat nog loopt. Voor het bijstandsbestand: op koers als de projectie het doel op "
         "tijd haalt, risico als ze er binnen 10% van de resterende afstand naast zit. Voor een activiteit: het "
         "resultaat tot nu toe tegenover het doel naar rato, risico vanaf 90%. Een voorbije periode is gehaald of "
         "niet gehaald."),
    Term("naar-rato", "naar rato",
         "Het deel van een jaardoel dat bij de verstreken maanden hoort: na drie maanden van een jaardoel van 1.200 "
         "is dat 300 (of volgens het seizoenspatroon van het doel). Alleen voor aantallen die over het jaar "
         "oplopen, niet voor een stand zoals het aantal deelnemers."),
    Term("sporen", "sporen 4–5",
         "Rotterdamse indeling van mensen in de bijstand naar afstand tot werk, van spoor 1 (dichtbij) tot spoor 5 "
         "(grote afstand). De checkgesprekken moeten binnen twee jaar iedereen in spoor 4 en 5 bereiken. Een "
         "openbare definitie van de sporen is niet gevonden."),
    Term("focuswijk", "focuswijk",
         "Een van de zeven wijken waar het NPRZ extra op inzet: Afrikaanderwijk, Bloemhof, Carnisse, Feijenoord, "
         "Hillesluis, Oud-Charlois en Tarwewijk. In tabellen en grafieken gemarkeerd met ★."),
    Term("nprz-gebied", "NPRZ-gebied",
         "Het gebied van het Nationaal Programma Rotterdam Zuid: de gebieden Charlois, Feijenoord en IJsselmonde, "
         "met zestien wijken en ongeveer 200.000 inwoners."),
    Term("officieel", "◆ officieel",
         "Een cijfer uit een gepubliceerde bron, zoals de brief van de wethouder. Het staat met ◆ en zijn bron "
         "bij elk cijfer in de monitor. Alle andere cijfers zijn eigen registratie van de gemeente."),
    Term("voorlopig", "voorlopig, nader voorlopig, definitief",
         "De status van een geregistreerd of officieel cijfer (woorden van het CBS). Recente maanden zijn voorlopig: "
         "uitstroom wordt laat geregistreerd. Een goedgekeurde maand wordt definitief."),
    Term("demo", "demo",
         "Verzonnen (synthetische) cijfers om de monitor te laten zien. Ze lopen precies door de officiële cijfers "
         "heen, maar zijn zelf geen cijfer van de gemeente en hebben geen status. Een oordeel dat op demo-cijfers "
         "rust, staat met ‘(demo)’ erbij; elke pagina met demo-cijfers heeft een gele balk.", demo_only=True),
    Term("afgeschermd", "afgeschermde aantallen",
         "Kleine aantallen kunnen mensen herkenbaar maken. Voor lezers, in downloads en in gepubliceerde "
         "rapportages staat een aantal van 1 tot en met 9 daarom als ‘<10’. Zou een afgeschermd aantal uit een "
         "totaal terug te rekenen zijn, dan is ook een tweede cel afgeschermd (‘x’)."),
    Term("herzien", "herzien",
         "Een gepubliceerde kwartaalrapportage verandert niet meer. Wordt een cijfer erin later gecorrigeerd, dan "
         "staat er ‘herzien’ bij, met het gepubliceerde en het nieuwe cijfer. Een nieuwe versie kan worden "
         "gepubliceerd; de vorige blijft leesbaar."),
    Term("g4-gemiddelde", "G4-gemiddelde",
         "Het aantal bijstandsuitkeringen per 1.000 inwoners van de vier grote steden samen: de uitkeringen van "
         "Amsterdam, Rotterdam, Den Haag en Utrecht opgeteld, gedeeld door hun inwoners opgeteld, maal 1.000. Het "
         "doel van NPRZ is dat Zuid dit gemiddelde bereikt; het verschil is de maat van het programma."),
    Term("kwartaal", "kwartaal",
         "Drie maanden: kw. 1 is januari tot en met maart. Een kwartaalrapportage toont de stand aan het eind van "
         "het kwartaal en de in- en uitstroom opgeteld over de drie maanden."),
]  # fmt: skip
BY_SLUG = {term.slug: term for term in TERMS}
