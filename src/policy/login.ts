/** A GitHub login as GitHub spells it. Compare with `sameLogin`. */
export type Login = string;
