package io.jakamoconnector.adapter.jakamo;

/** Claim documents in the shape the sandbox assumes (Jakamo's claim schema is not public). */
final class ClaimDocuments {
    private ClaimDocuments() {
    }

    static String claim(String number) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Claim><ID>" + number
                + "</ID><IssueDate>2026-11-29</IssueDate><Description>Bracket bent</Description></Claim>\n";
    }

    static String claimChange(String number) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ClaimChange><ID>" + number
                + "</ID><Description>Bracket bent, photos added</Description></ClaimChange>\n";
    }

    /** A claim's StatusMessage names the claim in ClaimID (the sandbox's assumption) and, for the domain reader, OrderID. */
    static String statusMessage(String number) {
        return "<StatusMessage><ClaimID>" + number + "</ClaimID><OrderID>" + number
                + "</OrderID><Status>Closed</Status></StatusMessage>";
    }
}
