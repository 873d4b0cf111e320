import type { Direction } from "./indicators";

/**
 * data.police.uk street-level crime taxonomy: the 14 `Crime type` values and how each
 * `Last outcome category` is grouped for the solved rate.
 */
export interface PoliceUkCrimeType {
  name: string;
  slug: string;
  direction: Direction;
}

// Drugs and weapons possession rise with proactive policing, so neither direction is "better".
export const POLICE_UK_CRIME_TYPES: readonly PoliceUkCrimeType[] = [
  { name: "Anti-social behaviour", slug: "anti-social-behaviour", direction: "lower" },
  { name: "Bicycle theft", slug: "bicycle-theft", direction: "lower" },
  { name: "Burglary", slug: "burglary", direction: "lower" },
  { name: "Criminal damage and arson", slug: "criminal-damage-arson", direction: "lower" },
  { name: "Drugs", slug: "drugs", direction: "neither" },
  { name: "Other crime", slug: "other-crime", direction: "lower" },
  { name: "Other theft", slug: "other-theft", direction: "lower" },
  { name: "Possession of weapons", slug: "possession-of-weapons", direction: "neither" },
  { name: "Public order", slug: "public-order", direction: "lower" },
  { name: "Robbery", slug: "robbery", direction: "lower" },
  { name: "Shoplifting", slug: "shoplifting", direction: "lower" },
  { name: "Theft from the person", slug: "theft-from-the-person", direction: "lower" },
  { name: "Vehicle crime", slug: "vehicle-crime", direction: "lower" },
  { name: "Violence and sexual offences", slug: "violent-crime", direction: "lower" },
];

export const ANTI_SOCIAL_BEHAVIOUR = "Anti-social behaviour";

export function crimeTypeByName(name: string): PoliceUkCrimeType | undefined {
  return POLICE_UK_CRIME_TYPES.find((t) => t.name === name);
}

export type OutcomeGroup = "solved" | "not solved" | "pending";

/**
 * How each police.uk `Last outcome category` counts towards the solved rate
 * (docs/decisions/004-police-uk-outcome-groups.md explains each choice).
 * "solved" follows the Home Office positive outcomes (types 1–8): charge or summons and every
 * court result that follows one, caution, drugs warning, penalty notice, community resolution
 * ("Local resolution"), taken into consideration ("Suspect charged as part of another case").
 * "pending" is an investigation whose outcome is not yet known; those mature over months.
 */
export const OUTCOME_GROUPS: Readonly<Record<string, OutcomeGroup>> = {
  // Charged or summonsed, and the court results that can only follow a charge.
  "Awaiting court outcome": "solved",
  "Court result unavailable": "solved",
  "Court case unable to proceed": "solved",
  "Defendant sent to Crown Court": "solved",
  "Defendant found not guilty": "solved",
  "Offender sent to prison": "solved",
  "Offender given suspended prison sentence": "solved",
  "Offender given community sentence": "solved",
  "Offender fined": "solved",
  "Offender given conditional discharge": "solved",
  "Offender given absolute discharge": "solved",
  "Offender ordered to pay compensation": "solved",
  "Offender otherwise dealt with": "solved",
  "Offender deprived of property": "solved",
  "Suspect charged as part of another case": "solved",
  // Out-of-court disposals.
  "Offender given a caution": "solved",
  "Offender given a drugs possession warning": "solved",
  "Offender given penalty notice": "solved",
  "Local resolution": "solved",
  // Finalised without a positive outcome.
  "Investigation complete; no suspect identified": "not solved",
  "Unable to prosecute suspect": "not solved",
  "Formal action is not in the public interest": "not solved",
  "Further action is not in the public interest": "not solved",
  "Further investigation is not in the public interest": "not solved",
  "Action to be taken by another organisation": "not solved",
  // Not yet known.
  "Under investigation": "pending",
  "Status update unavailable": "pending",
};

export function outcomeGroupOf(lastOutcomeCategory: string): OutcomeGroup | undefined {
  return OUTCOME_GROUPS[lastOutcomeCategory];
}

/** Indicator ids for the police.uk measures: stable, they are in saved links and imported files. */
export const policeUkIndicatorId = {
  crimeType: (slug: string) => `police-uk-${slug}`,
  allCrime: "police-uk-all-crime",
  outcome: (group: OutcomeGroup) => `police-uk-all-crime-${group.replace(" ", "-")}`,
  solvedRate: "police-uk-all-crime-solved-rate",
  crimeTypeSolvedRate: (slug: string) => `police-uk-${slug}-solved-rate`,
} as const;
