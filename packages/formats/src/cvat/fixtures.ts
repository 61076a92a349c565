// Hand-written dumps after the examples of CVAT's "XML annotation format" page (version 1.1).

const label = (name: string, attributes = '') => `<label><name>${name}</name><type>any</type><attributes>${attributes}</attributes></label>`;
const attr = (name: string, type: string, values: string) => `<attribute><name>${name}</name><mutable>False</mutable><input_type>${type}</input_type><default_value></default_value><values>${values}</values></attribute>`;

export const imagesDump = `<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta>
    <task>
      <id>4</id>
      <name>segmentation</name>
      <size>2</size>
      <mode>annotation</mode>
      <labels>
        ${label('car', attr('parked', 'checkbox', 'false') + attr('model', 'text', '') + attr('doors', 'number', '2\n5\n1'))}
        ${label('traffic_line')}${label('wheel')}${label('plate')}${label('good_frame')}
      </labels>
    </task>
  </meta>
  <image id="0" name="filename000.jpg" width="1600" height="1200">
    <box label="plate" occluded="0" xtl="797.33" ytl="870.92" xbr="965.52" ybr="928.94" z_order="4">
    </box>
    <polygon label="car" occluded="1" points="561.30,916.23;561.30,842.77;554.72,761.63;553.62,704.65" z_order="0">
      <attribute name="parked">true</attribute>
      <attribute name="model">12</attribute>
      <attribute name="doors">4</attribute>
    </polygon>
    <polyline label="traffic_line" occluded="0" points="462.10,0.00;126.80,1200.00" z_order="3">
    </polyline>
    <points label="wheel" occluded="0" points="574.90,939.48;1170.16,907.90" z_order="5">
    </points>
    <tag label="good_frame" source="manual">
    </tag>
  </image>
  <image id="1" name="sub/filename001.jpg" width="1600" height="1200">
    <box label="car" occluded="0" source="manual" xtl="100" ytl="200" xbr="300" ybr="260" rotation="30.5" z_order="0">
      <attribute name="model">Mini &amp; Co</attribute>
    </box>
    <ellipse label="wheel" occluded="0" cx="50" cy="60" rx="10" ry="5" rotation="90" z_order="0"></ellipse>
    <mask label="car" source="manual" occluded="0" rle="3, 2, 1" left="0" top="0" width="3" height="2" z_order="0"></mask>
  </image>
</annotations>
`;

export const videoDump = `<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta>
    <task>
      <id>5</id>
      <name>interpolation</name>
      <size>8</size>
      <mode>interpolation</mode>
      <original_size><width>640</width><height>480</height></original_size>
      <source>highway.mp4</source>
      <labels>${label('car', attr('model', 'text', ''))}${label('lane')}${label('sign')}</labels>
    </task>
  </meta>
  <track id="0" label="car" source="manual">
    <box frame="0" outside="0" occluded="0" keyframe="1" xtl="10" ytl="20" xbr="50" ybr="60" z_order="0">
      <attribute name="model">sedan</attribute>
    </box>
    <box frame="1" outside="0" occluded="1" keyframe="0" xtl="12" ytl="20" xbr="52" ybr="60" z_order="0">
      <attribute name="model">sedan</attribute>
    </box>
    <box frame="2" outside="1" occluded="0" keyframe="1" xtl="12" ytl="20" xbr="52" ybr="60" z_order="0">
      <attribute name="model">sedan</attribute>
    </box>
    <box frame="4" outside="0" occluded="0" keyframe="1" xtl="30" ytl="20" xbr="70" ybr="60" z_order="0">
      <attribute name="model">sedan</attribute>
    </box>
    <box frame="5" outside="1" occluded="0" keyframe="1" xtl="30" ytl="20" xbr="70" ybr="60" z_order="0">
      <attribute name="model">sedan</attribute>
    </box>
  </track>
  <track id="3" label="lane" source="manual">
    <polyline frame="1" outside="0" occluded="0" keyframe="1" points="0,100;200,300.5" z_order="0"></polyline>
    <polyline frame="2" outside="0" occluded="0" keyframe="1" points="0,101;200,301" z_order="0"></polyline>
    <polyline frame="3" outside="1" occluded="0" keyframe="1" points="0,101;200,301" z_order="0"></polyline>
  </track>
  <track id="7" label="sign" source="manual">
    <points frame="0" outside="0" occluded="0" keyframe="1" points="1,2;3,4" z_order="0"></points>
    <points frame="1" outside="1" occluded="0" keyframe="1" points="1,2;3,4" z_order="0"></points>
  </track>
  <image id="6" name="frame_000006.png" width="640" height="480">
    <polygon label="car" occluded="0" points="1,1;9,1;9,9" z_order="0"></polygon>
  </image>
</annotations>
`;
