/**
 * The 43 territorial police forces of England and Wales with their police force area (PFA, Dec 2023)
 * codes and the names other publishers use for them: data.police.uk's force slug and the Home Office
 * recorded-crime tables' PFA name. One place to translate a publisher's name into an ONS code.
 */
export interface Force {
  /** ONS PFA code, e.g. E23000028 for Essex. */
  code: string;
  name: string;
  policeUkSlug: string;
  homeOfficeName: string;
}

const force = (code: string, name: string, policeUkSlug: string, homeOfficeName: string = name): Force => ({
  code,
  name,
  policeUkSlug,
  homeOfficeName,
});

export const FORCES: readonly Force[] = [
  force("E23000001", "Metropolitan Police", "metropolitan"),
  force("E23000002", "Cumbria", "cumbria"),
  force("E23000003", "Lancashire", "lancashire"),
  force("E23000004", "Merseyside", "merseyside"),
  force("E23000005", "Greater Manchester", "greater-manchester"),
  force("E23000006", "Cheshire", "cheshire"),
  force("E23000007", "Northumbria", "northumbria"),
  force("E23000008", "Durham", "durham"),
  force("E23000009", "North Yorkshire", "north-yorkshire"),
  force("E23000010", "West Yorkshire", "west-yorkshire"),
  force("E23000011", "South Yorkshire", "south-yorkshire"),
  force("E23000012", "Humberside", "humberside"),
  force("E23000013", "Cleveland", "cleveland"),
  force("E23000014", "West Midlands", "west-midlands"),
  force("E23000015", "Staffordshire", "staffordshire"),
  force("E23000016", "West Mercia", "west-mercia"),
  force("E23000017", "Warwickshire", "warwickshire"),
  force("E23000018", "Derbyshire", "derbyshire"),
  force("E23000019", "Nottinghamshire", "nottinghamshire"),
  force("E23000020", "Lincolnshire", "lincolnshire"),
  force("E23000021", "Leicestershire", "leicestershire"),
  force("E23000022", "Northamptonshire", "northamptonshire"),
  force("E23000023", "Cambridgeshire", "cambridgeshire"),
  force("E23000024", "Norfolk", "norfolk"),
  force("E23000025", "Suffolk", "suffolk"),
  force("E23000026", "Bedfordshire", "bedfordshire"),
  force("E23000027", "Hertfordshire", "hertfordshire"),
  force("E23000028", "Essex", "essex"),
  force("E23000029", "Thames Valley", "thames-valley"),
  force("E23000030", "Hampshire", "hampshire"),
  force("E23000031", "Surrey", "surrey"),
  force("E23000032", "Kent", "kent"),
  force("E23000033", "Sussex", "sussex"),
  force("E23000034", "City of London", "city-of-london"),
  force("E23000035", "Devon and Cornwall", "devon-and-cornwall"),
  force("E23000036", "Avon and Somerset", "avon-and-somerset"),
  force("E23000037", "Gloucestershire", "gloucestershire"),
  force("E23000038", "Wiltshire", "wiltshire"),
  force("E23000039", "Dorset", "dorset"),
  force("W15000001", "North Wales", "north-wales"),
  force("W15000002", "Gwent", "gwent"),
  force("W15000003", "South Wales", "south-wales"),
  force("W15000004", "Dyfed-Powys", "dyfed-powys"),
];

export const ESSEX_FORCE_CODE = "E23000028";

export function forceByPoliceUkSlug(slug: string): Force | undefined {
  return FORCES.find((f) => f.policeUkSlug === slug);
}

export function forceByHomeOfficeName(name: string): Force | undefined {
  return FORCES.find((f) => f.homeOfficeName === name);
}

/**
 * police.uk's "Falls within" column names the force as it styles itself ("Essex Police",
 * "Hampshire Constabulary", "Devon & Cornwall Police"). Matching on the name with the
 * service word removed keeps one table above instead of a second list of styled names.
 */
export function forceByPoliceUkName(fallsWithin: string): Force | undefined {
  // Every record of a street file names its force: remember the answer for each spelling seen
  // (at most a few hundred spellings, so a file of odd names cannot grow it without bound).
  if (forcesBySpelling.has(fallsWithin)) return forcesBySpelling.get(fallsWithin);
  const key = normaliseForceName(fallsWithin);
  const force = FORCES.find((f) => normaliseForceName(f.name) === key);
  if (forcesBySpelling.size < 500) forcesBySpelling.set(fallsWithin, force);
  return force;
}

const forcesBySpelling = new Map<string, Force | undefined>();

function normaliseForceName(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/\b(police service|police|constabulary|service)\b/g, "")
    .replace(/[^a-z]+/g, " ")
    .trim();
}
