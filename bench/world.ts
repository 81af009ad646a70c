/** The benchmark's repositories: seven maintainers and a two-thirds charter, as in the e2e stories. */
export const REPO = "acme/community";
export const SEVEN = ["alice", "bob", "carol", "dave", "erin", "frank", "grace"];
export const CHARTER = "# Governance\n\nChanges need a 2/3 vote of all maintainers after two weeks.\n";
