import { registry } from "@web/core/registry";

// Opened on a view URL by the Python test: the view must render without any
// error dialog (the tour runner also fails on any console error).
registry.category("web_tour.tours").add("hotel_base_view_smoke_tour", {
    steps: () => [
        {
            content: "The view is rendered (in a dialog for wizards)",
            trigger: ".o_action_manager .o_view_controller, .modal .o_view_controller",
        },
        {
            content: "No error dialog",
            trigger: "body:not(:has(.o_error_dialog))",
        },
    ],
});
