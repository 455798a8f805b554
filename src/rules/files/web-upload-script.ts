import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';

/** The server-side script extensions a web server hands to an interpreter. */
const SCRIPT_EXT = /\.(php\d?|phtml|pht|phar|phps|jspx?|jspf|aspx?|ashx|asmx|cer|asa)$/i;
/** Extensions used to slip a script past an upload filter that only blocks ".php" / ".jsp". */
const RARE_EXT = /\.(php[3-8]|phtml|pht|phar|phps|jspx|jspf)$/i;

export default defineRule({
  meta: {
    id: 'files/web-upload-script',
    category: 'webshell',
    severity: 'high',
    attack: ['T1505.003', 'T1036.008'],
    status: 'experimental',
    description:
      'A server-side script under a web root whose name hides what it is: a second extension of an image, document or archive before the script one ("logo.png.php", "x.jpg.jsp"; high in an upload directory, medium elsewhere), or a rarely used script extension (".phtml", ".php5", ".phar") in an upload directory (high). Upload directories are intel logs.webUploadDirs; the disguises intel files.disguiseExtensions.',
    falsePositives: [
      'Template engines and frameworks name files "x.tpl.php" or "x.class.php": those second extensions are not disguises and stay silent.',
      'An application that keeps .phtml templates under a directory named like an upload directory (media/, assets/); allow-list its path.',
    ],
    references: [
      'https://attack.mitre.org/techniques/T1505/003/',
      'https://owasp.org/www-community/vulnerabilities/Unrestricted_File_Upload',
    ],
    uses: ['contentScan'],
    messages: {
      disguised: {
        en: {
          title: 'Server-side script disguised as a .{inner} file under a web root: {path}',
          detail:
            'The web server runs {path} as a {ext} script although its name says .{inner}{where}. Upload forms that check only the first extension let attackers plant webshells this way.',
          action:
            'Keep evidence first: cp -a {path} /root/evidence/ && sha256sum {path}; read it, find the requests for it (grep -F "{name}" /var/log/nginx/access.log* /var/log/apache2/access.log*), then quarantine it and make the upload directory refuse to run scripts.',
        },
        'zh-CN': {
          title: '网站目录中伪装成 .{inner} 文件的服务端脚本：{path}',
          detail:
            'Web 服务器会把 {path} 当作 {ext} 脚本执行，尽管它的名称显示为 .{inner}{where}。只检查第一个扩展名的上传表单会让攻击者用这种方式放置网页后门。',
          action:
            '先保留证据：cp -a {path} /root/evidence/ && sha256sum {path}；阅读其内容，查找对它的请求（grep -F "{name}" /var/log/nginx/access.log* /var/log/apache2/access.log*），然后隔离该文件，并让上传目录禁止执行脚本。',
        },
      },
      rare: {
        en: {
          title: 'Script with a rarely used .{ext} extension in a web upload directory: {path}',
          detail:
            'Upload directories hold images and documents; a .{ext} file there is run by the web server as a script. Attackers use such extensions because upload filters often block only ".php" and ".jsp".',
          action:
            'Keep evidence first: cp -a {path} /root/evidence/ && sha256sum {path}; read it, find the requests for it (grep -F "{name}" /var/log/nginx/access.log* /var/log/apache2/access.log*), then quarantine it and make the upload directory refuse to run scripts.',
        },
        'zh-CN': {
          title: '网站上传目录中扩展名少见（.{ext}）的脚本：{path}',
          detail:
            '上传目录应只存放图片和文档；其中的 .{ext} 文件会被 Web 服务器当作脚本执行。上传过滤常常只拦截 “.php” 和 “.jsp”，攻击者因此使用这类扩展名。',
          action:
            '先保留证据：cp -a {path} /root/evidence/ && sha256sum {path}；阅读其内容，查找对它的请求（grep -F "{name}" /var/log/nginx/access.log* /var/log/apache2/access.log*），然后隔离该文件，并让上传目录禁止执行脚本。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const disguises = new Set(intel.files.disguiseExtensions.map((e) => e.toLowerCase()));
    for (const f of snapshot.facts.contentScan?.webScriptNames ?? []) {
      const name = f.path.slice(f.path.lastIndexOf('/') + 1);
      const ext = SCRIPT_EXT.exec(name)?.[1];
      if (!ext) continue;
      const stem = name.slice(0, -ext.length - 1);
      const inner = /\.([A-Za-z0-9]{1,5})$/.exec(stem)?.[1];
      const inRoot = f.path.slice(f.root.length).toLowerCase();
      const uploadDir = intel.logs.webUploadDirs.find((d) => inRoot.includes(d.toLowerCase()));
      const disguised = inner !== undefined && disguises.has(inner.toLowerCase());
      if (!disguised && !(uploadDir && RARE_EXT.test(name))) continue;
      const evidence = [
        phrase('file.sizeModified', { path: f.path, size: f.size, mtime: f.mtime }),
        phrase('upload.webRoot', { root: f.root }),
        ...(uploadDir ? [phrase('upload.dir', { dir: uploadDir })] : []),
      ];
      const base = { path: f.path, time: f.mtime, evidence, defer: { rules: ['logs/webshell-content'], evidence } };
      if (disguised)
        report({
          ...base,
          messageId: 'disguised',
          severity: uploadDir ? 'high' : 'medium',
          data: { path: f.path, name, inner, ext, where: uploadDir ? phrase('upload.where', { dir: uploadDir }) : '' },
        });
      else report({ ...base, messageId: 'rare', severity: 'high', data: { path: f.path, name, ext } });
    }
  },
});
