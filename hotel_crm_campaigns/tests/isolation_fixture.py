"""Records of hotel_crm_campaigns's property models at one property of the
isolation matrix's fixture (see hotel_reservation/tests/isolation.py)."""


def build(env, records, today):
    prop = records["hotel.property"]
    guest = records["res.partner"]
    env["hotel.guest.metric"]._recompute(prop)
    metric = env["hotel.guest.metric"].search([("property_id", "=", prop.id), ("partner_id", "=", guest.id)])
    segment = env["hotel.segment"].create({
        "name": f"Isolation probe segment {prop.code}", "property_id": prop.id,
        "domain": "[('stay_count', '>=', 0)]"})
    journey = env["hotel.journey"].create({
        "name": f"Isolation probe journey {prop.code}", "property_id": prop.id, "trigger": "pre_arrival",
        "subject": "See you soon"})
    occurrence = env["hotel.journey.occurrence"].create({
        "journey_id": journey.id, "property_id": prop.id, "partner_id": guest.id,
        "reservation_id": records["booked"].id, "key": f"stay-{records['booked'].id}"})
    mailing = env["mailing.mailing"].create({
        "name": f"Isolation probe campaign {prop.code}", "subject": "Offer",
        "mailing_model_id": env["ir.model"]._get_id("res.partner"), "hotel_property_id": prop.id,
        "hotel_segment_id": segment.id, "body_html": "<p>Offer</p>"})
    complaint = env["hotel.complaint"].create({
        "subject": f"Isolation probe complaint {prop.code}", "property_id": prop.id, "partner_id": guest.id,
        "reservation_id": records["booked"].id, "category": "noise"})
    answer = env["survey.user_input"].create({
        "survey_id": env.ref("hotel_crm_campaigns.survey_post_stay").id, "partner_id": guest.id,
        "hotel_property_id": prop.id, "hotel_reservation_id": records["booked"].id})
    env.flush_all()
    return {
        "hotel.complaint": complaint,
        "hotel.feedback.report": env["hotel.feedback.report"].browse(answer.id),
        "hotel.guest.metric": metric,
        "hotel.segment": segment,
        "hotel.journey": journey,
        "hotel.journey.occurrence": occurrence,
        "hotel.campaign.result": env["hotel.campaign.result"].search([("mailing_id", "=", mailing.id)]),
    }
