/* upload.js — shows upload progress.  Without it the form posts as usual;
 * with it the same request is sent with XMLHttpRequest so the bar can move,
 * and the server's answer page replaces this one. */
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  var bar = document.getElementById("upload-progress");
  if (!form || !bar || !window.XMLHttpRequest || !window.FormData) return;
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    bar.hidden = false;
    bar.value = 0;
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) bar.value = Math.round(e.loaded * 100 / e.total);
    };
    xhr.onload = function () {
      document.open();
      document.write(xhr.responseText);
      document.close();
    };
    xhr.onerror = function () {
      bar.hidden = true;
      alert("上传失败：网络中断，数据没有保存，请重试。");
    };
    xhr.send(new FormData(form));
  });
})();
