/**
 * GitHub's limit on a comment, and how Gavel shares it out. Each size is
 * defined once, here: a comment over the limit is refused (422) and never
 * posts, so its thread would get no answer at all.
 */

/** GitHub refuses a longer comment body. */
export const MAX_COMMENT_CHARS = 65_536;

/** Longer lists of people are shortened ("and 2,700 more"); the counts beside them stay exact. */
export const MAX_LISTED_VOTERS = 300;

/** Longer lists of a rule's changed paths are shortened in the announcement. */
export const MAX_LISTED_PATHS = 20;

/** People listed as left out of an electorate (a hostile maintainers file may name thousands); longer lists are shortened. */
export const MAX_LISTED_LEFT_OUT = 50;

/** Ballots listed as "not counted" (anyone may post them, so there may be thousands); longer lists are shortened. */
export const MAX_LISTED_IGNORED = 20;

/**
 * The least room a vote comment's visible text always gets. Its signed marker,
 * which must hold the whole electorate, may take the rest: the header, the
 * exact counts and the shortened lists fit in this, however large the vote.
 */
export const MIN_VOTE_TEXT_CHARS = 12_000;
