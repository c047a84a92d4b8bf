<?php
// `php -S` router: existing files are served as they are; every other path goes to WordPress's
// index.php, as a web server with WordPress's rewrite rules would (pretty permalinks, /wp-json/).
$root = rtrim($_SERVER['DOCUMENT_ROOT'], '/');
$path = urldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
if ($path !== '/' && !str_contains($path, '..')) {
    $file = $root . $path;
    if (is_file($file)) return false;
    if (is_dir($file) && is_file(rtrim($file, '/') . '/index.php')) return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
chdir($root);
require $root . '/index.php';
