"""What a visitor of the server reaches before logging in (issue #11)."""
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import config


@tagged("post_install", "-at_install")
class TestDeployment(HttpCase):
    clock_independent = True  # reads no date or time

    def test_no_database_manager_nor_list_for_visitors(self):
        """setup/install.sh writes list_db = False and a generated master password."""
        self.assertFalse(config["list_db"])
        self.assertNotIn(config["admin_passwd"], ("admin", "", None))
        for url in ("/web/database/manager", "/web/database/selector"):
            with self.subTest(url=url):
                page = self.url_open(url, allow_redirects=False).text
                self.assertIn("The database manager has been disabled by the administrator", page)
                self.assertNotIn(self.env.cr.dbname, page, "no database list")
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request("/web/database/list")

    def test_no_self_sign_up(self):
        self.assertEqual(self.env["res.users"]._get_signup_invitation_scope(), "b2b")
        response = self.url_open("/web/signup", allow_redirects=False)
        self.assertEqual(response.status_code, 404)
