import { memoizeText } from './memo';

// Word lists that tell a person's name from a job title from a company, for lines that carry no label.

const JOB_WORDS = new Set(
  (
    'engineer engineers engineering developer developers manager management consultant consultants director ' +
    'founder co-founder cofounder founders cto ceo cfo coo cio ciso cpo cmo cso vp svp evp avp evangelist writer ' +
    'architect scientist researcher research designer lead leader head professor prof guru advocate analyst ' +
    'programmer president specialist officer owner chief intern student lecturer teacher coach mentor maintainer ' +
    'contributor author editor journalist sre administrator admin technologist strategist producer tester ' +
    'member fellow staff senior snr sr junior jr principal associate executive coordinator organiser organizer ' +
    'host mc owner partner practitioner expert ninja hacker devrel steward champion trainer instructor ' +
    'postdoc phd candidate doctor dr librarian investor entrepreneur freelancer contractor volunteer ' +
    'chair chairman chairwoman chairperson secretary treasurer supervisor superintendent officer ' +
    'assistant representative rep technician operator planner marketer marketing sales product qa ux ui ' +
    'devops secops data platform security infrastructure backend frontend fullstack full-stack'
  ).split(' '),
);

/** Words that, standing alone, make a role (the others qualify one: "Senior", "Data"). */
const JOB_HEADS = new Set(
  (
    'engineer engineers developer developers manager consultant collaborator committer consultants director founder co-founder ' +
    'cofounder cto ceo cfo coo cio ciso cpo cmo cso vp svp evp avp evangelist writer architect scientist researcher ' +
    'designer lead leader head professor prof guru advocate analyst programmer president specialist officer owner ' +
    'chief intern student lecturer teacher coach mentor maintainer contributor author editor journalist sre ' +
    'administrator admin technologist strategist producer tester fellow principal executive coordinator organiser ' +
    'organizer host mc partner practitioner expert ninja hacker devrel steward champion trainer instructor postdoc ' +
    'candidate librarian investor entrepreneur freelancer contractor volunteer chair chairman chairwoman ' +
    'chairperson secretary treasurer supervisor assistant representative technician operator planner marketer'
  ).split(' '),
);

const COMPANY_WORDS = new Set(
  (
    'inc inc. ltd ltd. llc llp plc corp corp. corporation company co co. group labs lab technologies technology tech ' +
    'systems software solutions deploy bank university college school institute foundation agency media digital ' +
    'studio studios partners consulting consultancy ministry department dept council government nz au uk us usa ' +
    'gmbh ag sa bv pty limited international global networks network cloud services service industries holdings ' +
    'ventures capital health hospital games interactive analytics io ai hq'
  ).split(' '),
);

/** Words that begin or fill ordinary titles and sentences, never a person's name. */
const NOT_NAME_WORDS = new Set(
  (
    'the a an of and or in on for to with at from by is are was were be how why what when where who which we our ' +
    'your you my i it its this that these those lessons lesson building build scaling scale intro introduction day ' +
    'keynote talk talks notes note panel workshop session sessions q&a questions summary agenda overview about ' +
    'not no yes all some more less new old getting get making make using use beyond into vs versus part ' +
    'welcome opening closing lightning track morning afternoon evening lunch break coffee thanks thank'
  ).split(' '),
);

/** Surname particles that may be lowercase inside a name. */
const PARTICLES = new Set('van von de da das dos del della der den di du la le bin ibn al el ter ten y of'.split(' '));

const NAME_TOKEN = /^(?:\p{Lu}[\p{L}\p{M}'’-]*|(?:\p{Lu}\.){1,3}|(?:Jr|Sr|Dr|St)\.|(?:Mc|Mac|O['’]|[dl]['’])\p{Lu}[\p{L}\p{M}'’-]*|\p{Lo}{1,8})$/u;

function words(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}

function bare(token: string): string {
  return token.toLowerCase().replace(/^[("'“‘]+|[)"'”’,.;:!?]+$/g, '');
}

/** A person's name: two to five capitalised tokens (particles allowed), or a short name in a script without case. */
function isNameLikeUncached(text: string): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > 60) return false;
  if (/[0-9@#/\\|:;!?()[\]{}<>=+*_`~$%^]/.test(t)) return false;
  if (/^\p{Lo}{2,8}$/u.test(t)) return true; // e.g. 山田太郎
  const tokens = words(t);
  if (tokens.length < 2 || tokens.length > 5) return false;
  let capitalised = 0;
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!.replace(/,$/, '');
    const lower = bare(token);
    if (PARTICLES.has(lower) && k > 0 && k < tokens.length - 1) continue;
    if (!NAME_TOKEN.test(token)) return false;
    if (NOT_NAME_WORDS.has(lower) || JOB_WORDS.has(lower) || COMPANY_WORDS.has(lower)) return false;
    // All-caps words longer than three letters are acronyms, not names ("AWS SUMMIT").
    if (token.length > 3 && token === token.toUpperCase() && /\p{Lu}{4}/u.test(token)) return false;
    capitalised++;
  }
  return capitalised >= 2;
}

/** A job title: some word of it is a job head noun ("Support Guru", "Co-Founder and CTO", "Head of Data"). */
function isRoleLikeUncached(text: string): boolean {
  const tokens = words(text).map(bare);
  if (tokens.length === 0 || tokens.length > 10) return false;
  return tokens.some((w) => JOB_HEADS.has(w) || w.split(/[-/]/).some((p) => JOB_HEADS.has(p)));
}

/** Words typical of company names ("Octopus Deploy", "Microsoft NZ", "Acme Ltd"). */
function hasCompanyWordUncached(text: string): boolean {
  return words(text).some((w) => COMPANY_WORDS.has(bare(w)));
}

/** Several speakers in one value: "Jane Doe & John Roe", "A, B and C". Names only when every part is a name. */
export function splitSpeakerNames(text: string): string[] {
  const parts = text
    .split(/\s*(?:,\s*and\s+|,\s*&\s*|\s+&\s+|\s+and\s+|,\s+|\s*;\s*|\s+\/\s+)\s*/i)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > 1 && parts.every((p) => isNameLike(p) || /^\p{Lu}[\p{L}'’-]+$/u.test(p))) return parts;
  return [text.trim()];
}

export const isNameLike = memoizeText(isNameLikeUncached);

export const isRoleLike = memoizeText(isRoleLikeUncached);

export const hasCompanyWord = memoizeText(hasCompanyWordUncached);
