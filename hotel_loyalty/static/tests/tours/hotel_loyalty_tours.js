import { registry } from "@web/core/registry";

// The desk enrolls an arriving guest from the reservation, then checks them in.
registry.category("web_tour.tours").add("hotel_loyalty_enroll_tour", {
    steps: () => [
        {
            content: "The guest is not a member yet: enroll them",
            trigger: ".o_form_view button[name='action_loyalty_enroll']",
            run: "click",
        },
        {
            content: "The reservation shows the new member's tier",
            trigger: ".o_hotel_member_badge:contains('Standard')",
        },
        {
            content: "Check the guest in",
            trigger: ".o_form_view button[name='action_check_in']",
            run: "click",
        },
        {
            content: "In house",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='checked_in']",
        },
    ],
});

// Before check-out the desk pays part of the folio with the member's points.
registry.category("web_tour.tours").add("hotel_loyalty_redeem_tour", {
    steps: () => [
        {
            content: "Redeem points on the folio",
            trigger: ".o_form_view button[name='action_loyalty_redeem']",
            run: "click",
        },
        {
            content: "The member and their balance are proposed",
            trigger: ".modal .o_field_widget[name='balance']:contains('2,000')",
        },
        {
            content: "Redeem 1,000 points",
            trigger: ".modal .o_field_widget[name='points'] input",
            run: "edit 1000 && click .modal-title",
        },
        {
            content: "Worth 10.00",
            trigger: ".modal .o_field_widget[name='amount']:contains('10.00')",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_redeem']",
            run: "click",
        },
        {
            content: "The folio shows what points paid",
            trigger: ".o_form_view:not(:has(.modal)) .o_field_widget[name='loyalty_redeemed_amount']:contains('10.00')",
        },
    ],
});

// A guest joins from the portal, with consent, and sees their member card.
registry.category("web_tour.tours").add("hotel_loyalty_portal_join_tour", {
    steps: () => [
        {
            content: "The invitation lists the tiers",
            trigger: ".o_hotel_member_join",
        },
        {
            content: "Accept the terms",
            trigger: ".o_hotel_member_join input[name='terms']",
            run: "click",
        },
        {
            content: "Agree to member offers by e-mail",
            trigger: ".o_hotel_member_join input[name='consent_email']",
            run: "click",
        },
        {
            content: "Join",
            trigger: ".o_hotel_member_join button[type='submit']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The member card: tier and points",
            trigger: ".o_hotel_member_card:contains('Standard')",
        },
    ],
});
