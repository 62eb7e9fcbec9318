/**
 * Word lists for story matching. Data, not rules: nothing here is about any
 * one story. Words are written as people type them; the matcher folds them
 * through the same normalisation as article text (lowercase, accents
 * stripped, plural "s" trimmed), so "Années" and "annees" are the same entry.
 *
 * STOPWORDS are dropped: function words that say nothing about what a report
 * is about, in the languages the corpus is most likely to hold.
 *
 * COMMON_WORDS are kept but get a high background document frequency: the
 * most frequent content words of general and news English (after the usual
 * frequency lists: nouns, verbs, adjectives, reporting verbs, calendar words).
 * They are not noise, but two reports sharing "said", "year" or "government"
 * tells little about whether they tell the same story, and a small corpus has
 * too few documents to learn that on its own.
 */

const ENGLISH = `
a about above across after afterwards again against all almost alone along already also although always am among amongst
an and another any anybody anyhow anyone anything anyway anywhere are aren't around as at be became because become becomes
becoming been before beforehand behind being below beside besides between beyond both but by can cannot can't could couldn't
did didn't do does doesn't doing done don't down during each either else elsewhere enough etc even ever every everybody
everyone everything everywhere except few for from further had hadn't has hasn't have haven't having he he'd he'll her here
hereafter hereby herein here's hers herself he's him himself his how however how's i i'd if i'll i'm in indeed into is isn't it
its it's itself i've just least less let let's may maybe me might mine more moreover most mostly much must mustn't my myself
namely neither never nevertheless next no nobody none noone nor not nothing now nowhere of off often on once one's only onto
or other others otherwise ought our ours ourselves out over own per perhaps rather same shall shan't she she'd she'll she's
should shouldn't since so some somebody somehow someone something sometime sometimes somewhere still such than that that's
the their theirs them themselves then thence there thereafter thereby therefore therein there's these they they'd they'll
they're they've this those though through throughout thru thus to together too toward towards under unless until up upon us
very via was wasn't we we'd we'll well we're were weren't we've what whatever what's when whence whenever when's where
whereafter whereas whereby wherein where's wherever whether which while whither who whoever whole whom whose who's why why's
will with within without won't would wouldn't yet you you'd you'll your you're yours yourself yourselves you've
mr mrs ms dr st co inc ltd jr sr vs via e.g i.e am pm
`;

const FRENCH = `
au aux avec ce ces cet cette dans de des du elle elles en et eux il ils je la le les leur leurs lui ma mais me meme mes moi mon
ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l m n s t y
ete etee etees etes etant suis es est sommes etes sont serai sera serons seront serais serait etais etait etions etaient fus fut
ai as avons avez ont aurai aura aurons auront aurais aurait avais avait avions avaient eu eue eus ayant
ceci cela celà celui celle ceux celles ici la-bas plus moins tres tout tous toute toutes autre autres aussi alors donc car
comme quand lorsque si sans sous chez entre vers apres avant depuis pendant selon contre dont ou encore deja leurs quel quelle
quels quelles ni non oui peu puis ainsi cependant meme
`;

const GERMAN = `
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anderm andern anders auch auf aus
bei bin bis bist da damit dann das dass dasselbe dazu dein deine deinem deinen deiner deines dem demselben den denn denselben
der derer derselbe derselben des desselben dessen dich die dies diese dieselbe dieselben diesem diesen dieser dieses dir doch
dort du durch ein eine einem einen einer eines einig einige einigem einigen einiger einiges einmal er es etwas euch euer eure
eurem euren eurer eures fur gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren
ihrer ihres im in indem ins ist jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen
keiner keines konnen konnte machen man manche manchem manchen mancher manches mein meine meinem meinen meiner meines mich mir mit
muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner seines selbst sich sie sind so
solche solchem solchen solcher solches soll sollte sondern sonst uber um und uns unser unsere unserem unseren unserer unseres
unter viel vom von vor wahrend war waren warst was weg weil weiter welche welchem welchen welcher welches wenn werde werden wie
wieder will wir wird wirst wo wollen wollte wurde wurden zu zum zur zwar zwischen
`;

const SPANISH = `
a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el ella ellas ellos en entre era
erais eran eras eres es esa esas ese eso esos esta estaba estado estados estais estamos estan estar estas este esto estos estoy
fue fueron fui fuimos ha habia habian haber hace hacia han has hasta hay la las le les lo los mas me mi mis mucho muchos muy nada
ni no nos nosotras nosotros nuestra nuestras nuestro nuestros o os otra otras otro otros para pero poco por porque que quien
quienes se sea sean ser si sido siempre sin sino sobre sois solo somos son soy su sus suya suyas suyo suyos tambien tanto te
tenemos tener tengo ti tiene tienen todo todos tu tus un una uno unos usted ustedes vosotras vosotros vuestra vuestro y ya yo
`;

const PORTUGUESE = `
a ao aos aquela aquelas aquele aqueles aquilo as ate com como da das de dela delas dele deles depois do dos e ela elas ele eles
em entre era eram essa essas esse esses esta estas este estes eu foi fomos for foram fosse fossem fui ha isso isto ja lhe lhes
mais mas me mesmo meu meus minha minhas muito na nao nas nem no nos nossa nossas nosso nossos num numa o os ou para pela pelas
pelo pelos por qual quando que quem se sem ser seu seus so sua suas tambem te tem tinha tu tua tuas um uma voce voces vos
esta estao estava estavam sao seja sejam sera serao tendo ter teve tiveram
`;

const CZECH = `
a aby aj ale ani ano asi az bez bude budem budes by byl byla byli bylo byt ci co coz dalsi
do ho i jak jake jako je jeho jej jeji jejich jen jeste ji jine jiz jsem jses jsme jsou jste k kam kde kdo kdyz ke ktera ktere
kteri kterou ktery ma mate me mezi mi mit mne mnou muj muze my na nad nam nas nasi ne nebo nejsou neni nez nic
o od ode on pak po pod podle pokud pouze prave pred pres pri pro proc proto protoze s se si sice sve svych
svym svymi ta tak take takze tato te tedy ten tento teto tim timto to tohle toho tohoto tom tomto tomuto tu tuto ty
tyto u uz v vam vas vase ve vice vsak z za zda zde ze
`;

/**
 * General-English content words at the top of the usual frequency lists,
 * plus words every news report uses whatever its story (reporting verbs,
 * days, months, news-desk nouns).
 */
const COMMON = `
time year people way day man thing woman life child world school state family student group country problem hand part place case
week company system program question work government number night point home water room mother area money story fact month lot
right study book eye job word business issue side kind head house service friend father power hour game line end member law car
city community name president team minute idea kid body information back parent face level office door health person art war
history party result change morning reason research girl guy moment air teacher force education report official officials news
statement source sources spokesman spokeswoman spokesperson interview comment comments percent million billion thousand hundred
say said says saying tell told telling get got make made go went gone know knew known take took taken see saw seen come came
think thought look looked want wanted give gave given use used find found ask asked work worked seem seemed feel felt try tried
leave left call called need needed become became keep kept put mean meant begin began show showed hear heard play run move live
believe bring happen write provide sit stand lose pay meet include continue set learn lead understand watch follow stop create
speak read allow add spend grow open walk win offer remember consider appear buy wait serve die send expect build stay fall cut
reach kill remain suggest raise pass sell require report decide pull announce announced according added noted told
new good high old great big small large national young different long little important political bad real best right social
public sure low early able human local late hard major better economic strong possible whole free military true federal
international full special easy clear recent certain personal open difficult available likely short single current wrong
private past foreign fine common poor natural significant similar central serious ready simple general financial various entire
close legal final main huge popular traditional first last second third next former latest senior
one two three four five six seven eight nine ten twenty hundred
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow weekend
january february march april may june july august september october november december
also just like many much even still back well way really already ago later early around
photo image video caption copyright rights reserved advertisement newsletter subscribe click link read share email
`;

function words(list: string): string[] {
  return list.split(/\s+/).filter(Boolean);
}

export const STOPWORDS_RAW: readonly string[] = [
  ...words(ENGLISH),
  ...words(FRENCH),
  ...words(GERMAN),
  ...words(SPANISH),
  ...words(PORTUGUESE),
  ...words(CZECH),
];

export const COMMON_WORDS_RAW: readonly string[] = words(COMMON);

/**
 * Query parameters that only say how a reader reached a page. Entries ending
 * in "_" are prefixes.
 */
export const TRACKING_PARAMS: readonly string[] = [
  'utm_',
  'fbclid',
  'gclid',
  'dclid',
  'msclkid',
  'yclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  'ocid',
  'cmpid',
  'smid',
  'ito',
];
