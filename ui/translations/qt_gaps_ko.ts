<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own texts that its Korean catalogue (qtbase_ko) lacks in Qt 6, written by hand:
     the file dialog's "&Look in:" and "Files of &type:" were English on a Korean desk. -->
<TS version="2.1" language="ko_KR">
  <context>
    <name>QFileDialog</name>
    <message>
      <source>&amp;Look in:</source>
      <translation>찾는 위치(&amp;L):</translation>
    </message>
    <message>
      <source>Files of &amp;type:</source>
      <translation>파일 형식(&amp;T):</translation>
    </message>
  </context>
</TS>
