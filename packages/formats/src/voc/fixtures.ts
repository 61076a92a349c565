// Hand-written files in the shape of the VOC2007 devkit's annotations and CVAT's VOC export.

/** After VOC2007 `Annotations/000001.xml` (tab-indented, with source, owner and two objects). */
export const voc2007 = `<annotation>
	<folder>VOC2007</folder>
	<filename>000001.jpg</filename>
	<source>
		<database>The VOC2007 Database</database>
		<annotation>PASCAL VOC2007</annotation>
		<image>flickr</image>
	</source>
	<owner>
		<name>Fried Camels</name>
	</owner>
	<size>
		<width>353</width>
		<height>500</height>
		<depth>3</depth>
	</size>
	<segmented>0</segmented>
	<object>
		<name>dog</name>
		<pose>Left</pose>
		<truncated>1</truncated>
		<difficult>0</difficult>
		<bndbox>
			<xmin>48</xmin>
			<ymin>240</ymin>
			<xmax>195</xmax>
			<ymax>371</ymax>
		</bndbox>
	</object>
	<object>
		<name>person</name>
		<pose>Unspecified</pose>
		<truncated>0</truncated>
		<difficult>1</difficult>
		<bndbox>
			<xmin>8</xmin>
			<ymin>12</ymin>
			<xmax>352</xmax>
			<ymax>498</ymax>
		</bndbox>
		<part>
			<name>head</name>
			<bndbox><xmin>100</xmin><ymin>20</ymin><xmax>160</xmax><ymax>90</ymax></bndbox>
		</part>
	</object>
</annotation>
`;

/** After CVAT's "PASCAL VOC 1.1" export: occluded, free attributes, fractional corners. */
export const cvatVoc = `<?xml version="1.0" encoding="utf-8"?>
<annotation>
  <folder></folder>
  <filename>street/frame_07.png</filename>
  <source><database>Unknown</database></source>
  <size><width>1280</width><height>720</height><depth>3</depth></size>
  <segmented>0</segmented>
  <object>
    <name>car</name>
    <pose>Unspecified</pose>
    <truncated>0</truncated>
    <difficult>0</difficult>
    <occluded>1</occluded>
    <bndbox><xmin>10.5</xmin><ymin>20.25</ymin><xmax>110.75</xmax><ymax>80</ymax></bndbox>
    <attributes>
      <attribute><name>color</name><value>red &amp; white</value></attribute>
      <attribute><name>parked</name><value>true</value></attribute>
      <attribute><name>doors</name><value>4</value></attribute>
    </attributes>
  </object>
</annotation>
`;
